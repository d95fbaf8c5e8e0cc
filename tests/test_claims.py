"""Check-worthiness and CLAIM spans by the guidelines' staged questions (rules, no model)."""

from __future__ import annotations

from corpus.text.prelabel import suggest_all


def judged(text, role="body", context=""):
    found = suggest_all(text, context, role).checkworthiness
    return found.role, [c.text for c in found.claims]


def test_a_specific_figure_of_public_interest_is_check_worthy_and_the_clause_is_the_claim():
    assert judged("The council spent 2.4 million euros on new buses last year.") == (
        "checkworthy",
        ["The council spent 2.4 million euros on new buses last year"],
    )


def test_non_factual_units_have_no_claim():
    for text in (
        "Will the new bridge ever open?",
        "The mayor declined to comment.",
        "The minister promised to build 4,000 homes.",
        "Critics say the plan is a disgrace.",
        "Opposition leaders called the budget 'a betrayal'.",
    ):
        assert judged(text) == ("non_factual", []), text
    assert judged("Photo: Ana Ruiz/Example Agency", role="credit") == ("non_factual", [])


def test_a_claim_inside_an_attribution_is_its_content_not_the_saying():
    assert judged("The union said 240 nurses had left the hospital since January.") == (
        "checkworthy",
        ["240 nurses had left the hospital since January"],
    )


def test_a_caption_a_place_and_a_personal_experience_are_factual_but_not_check_worthy():
    assert judged("Volunteers clear mud from the high street", role="caption_title")[0] == "not_checkworthy"
    assert judged("The village lies about 40 km north of the capital.")[0] == "not_checkworthy"
    assert judged("'I walked my dog past the gate every morning,' she said.")[0] == "not_checkworthy"


def test_two_clauses_with_their_own_subjects_are_two_claims():
    assert judged("Sales rose 4% in March, while profits fell 2%.")[1] == ["Sales rose 4% in March", "profits fell 2%"]


def test_the_future_decided_2026_12_04_announced_decisions_and_amounts_are_claims_possibilities_are_not():
    # A company's announced decision about its own operations: a CLAIM, check-worthy (jobs).
    assert judged("Keele Foods said it would close its Darrow plant.") == (
        "checkworthy",
        ["it would close its Darrow plant"],
    )
    # A forecast held by no one named: one CLAIM over the sentence; a duration alone is no amount,
    # so UFS (4.2, 2026-12-04: CFS with an amount, a rate or a comparison).
    assert judged("Approval is expected to take up to nine months.") == (
        "not_checkworthy",
        ["Approval is expected to take up to nine months"],
    )
    assert judged("The mine will close in March, with the loss of 400 jobs.")[0] == "checkworthy"
    assert judged("The depot will close in June, the firm said.")[0] == "checkworthy"  # takes a service away
    assert judged("The pool will open late on Fridays from June, the council said.")[0] == "not_checkworthy"
    # A CONTENT split around its cue: one CLAIM, the source and the cue inside.
    assert judged("Nationally, 611 people were waiting, the union said, up from 540.") == (
        "checkworthy",
        ["Nationally, 611 people were waiting, the union said, up from 540"],
    )
    # A bare possibility is not a CLAIM.
    assert judged("The river could burst its banks, the agency warned.") == ("non_factual", [])


def test_one_clause_one_claim_inside_quotations_and_contents():
    text = (
        '"Sales fell in May. Customers are still buying, but they are buying smaller things," '
        "chief executive Ruth Allingham said."
    )
    assert judged(text)[1] == ["Sales fell in May", "Customers are still buying", "they are buying smaller things"]
    assert judged("The union said 40 nurses had left, and the ward had closed.")[1] == [
        "40 nurses had left",
        "the ward had closed",
    ]


def test_a_games_or_a_lifes_details_are_factual_but_of_no_public_interest():
    # guidelines 4 Q2: scene-setting and personal details are UFS; money keeps a game's fact CFS.
    for text in (
        "Seeland led 2-0 at half-time through a penalty from captain Luca Bernasconi.",
        "The result leaves Aarwil fourth, three points behind Seeland with 11 matches left.",
        "Her husband, the poet Shiro Minase, died in 2011.",
        "She was 88.",
    ):
        assert judged(text)[0] == "not_checkworthy", text
    assert judged("The club paid a transfer fee of CHF 2 million for the striker.")[0] == "checkworthy"
    assert judged("Twelve people died in the floods on Sunday.")[0] == "checkworthy"


def test_an_adverbial_clause_with_its_own_subject_is_a_claim_of_its_own():
    # guidelines 2.1 (2026-12-04): the conjunction out, with or without a comma; not a noun's
    # relative clause ("after a trial that lasted"), not a time named by it ("the first Sunday after
    # we reopened"), not a permission or a prediction ("before he can apply").
    assert judged("Aarwil scored in the 71st minute when defender Reto Amsler turned in a corner.")[1] == [
        "Aarwil scored in the 71st minute",
        "defender Reto Amsler turned in a corner",
    ]
    assert judged("The union walked out on Tuesday after the producers raised their offer to 6.5%.")[1] == [
        "The union walked out on Tuesday",
        "the producers raised their offer to 6.5%",
    ]
    for text in (
        "Okwuosa was convicted on 17 counts after a trial that lasted 14 months.",
        "On the first Sunday after we reopened, 9,200 people came through the doors.",
        "Furey must serve at least two years before he can apply for parole.",
    ):
        assert len(judged(text)[1]) == 1, text


def test_rules_3_3_coordinated_clauses_headlines_with_as_and_a_stances_bare_topic():
    # guidelines 2: a new clause with its own subject starts a new CLAIM, after ", and" / ", but" too.
    assert judged("Planted area rose to 47.2 million hectares, but average yields fell to 3,150 kilograms.")[1] == [
        "Planted area rose to 47.2 million hectares",
        "average yields fell to 3,150 kilograms",
    ]
    assert judged("Crossings were banned in fog and all 240 drivers had been retested.")[1] == [
        "Crossings were banned in fog",
        "all 240 drivers had been retested",
    ]
    assert judged("Nimbus Ledger to cut 1,200 jobs as profit halves", role="title")[1] == [
        "Nimbus Ledger to cut 1,200 jobs",
        "profit halves",
    ]
    # Not a compound subject or a second verb of the same subject.
    assert len(judged("The plant employs 300 people and exports to nine countries.")[1]) == 1
    # guidelines 1.9 (2026-12-05): a stance's bare object names a topic: no CLAIM, NFS; an amount makes one.
    assert judged("Drivers criticised the toll.") == ("non_factual", [])
    assert judged("Tenants complained about mould in 40 flats.")[1] == ["about mould in 40 flats"]


def test_rules_3_4_reported_lists_a_relative_clause_on_the_source_and_a_quote_closed_in_the_claim():
    # guidelines 2 (one clause, one CLAIM): each reported "that" clause is a CLAIM of its own.
    assert judged("The agency said exports rose 4% in May, that imports fell 2% and that the deficit narrowed.")[1] == [
        "exports rose 4% in May",
        "imports fell 2%",
        "the deficit narrowed",
    ]
    assert judged("A survey of 40 firms found that 31 had raised wages and only six had cut jobs.")[1] == [
        "31 had raised wages",
        "only six had cut jobs",
    ]
    # A demonstrative subject stays: "and that has not changed" is a clause of its own.
    assert judged("Fares rose 12% in 2024, and that has not changed.")[1] == [
        "Fares rose 12% in 2024",
        "that has not changed",
    ]
    # guidelines 2.1: a relative clause on the SOURCE states a fact of its own.
    assert (
        "whose shop flooded twice in 2023"
        in judged('Ana Silva, whose shop flooded twice in 2023, said the barrier "came too late".')[1]
    )
    assert judged("Ana Silva, whose shop flooded twice in 2023, said the river rose 2 metres.")[1] == [
        "whose shop flooded twice in 2023",
        "the river rose 2 metres",
    ]
    assert judged('Ana Silva said the barrier "failed in March".')[1] == ['the barrier "failed in March"']
    assert judged("Ruling party wins 40 seats as one district heads for a recount", role="title")[1] == [
        "Ruling party wins 40 seats",
        "one district heads for a recount",
    ]


def test_rules_3_4_headlines_and_adverbial_as_part_two_clauses_a_list_of_places_does_not():
    assert judged("Bus fares rise 8% as drivers strike", role="title")[1] == ["Bus fares rise 8%", "drivers strike"]
    assert judged("Mill closes after owners retire", role="title")[1] == ["Mill closes", "owners retire"]
    assert judged("Shares in Lanto fell 12% as investors sold the stock.")[1] == [
        "Shares in Lanto fell 12%",
        "investors sold the stock",
    ]
    assert judged("The port, such as it was, handled 40 ships.")[1] == ["The port, such as it was, handled 40 ships"]
    assert judged("The town of 9,000 people lies between the river and the coast.")[1] == [
        "The town of 9,000 people lies between the river and the coast"
    ]


def test_rules_3_4_a_demonstratives_verdict_is_no_claim_but_a_figure_keeps_it():
    assert judged('"This is a real step. Admissions fell 12% in May," said the director.')[1] == [
        "Admissions fell 12% in May"
    ]
    assert judged('"It was greed, planned and repeated," the judge said.') == ("non_factual", [])
    assert judged("That is 13 short of a majority.")[1] == ["That is 13 short of a majority"]
    assert judged("It was the first fire in the district since 2019.")[1] == [
        "It was the first fire in the district since 2019"
    ]


def test_rules_3_4_pledges_of_an_amount_refusals_to_blame_demands_and_orders():
    # 1.9 (2026-12-04): a pledge of an amount is a recorded act; a pledge to do is a promise.
    assert judged("Donors pledged $40 million for the camps.") == (
        "checkworthy",
        ["Donors pledged $40 million for the camps"],
    )
    assert judged("The minister pledged to cut fares by 10%.") == ("non_factual", [])
    assert judged("The coach declined to blame the referee.") == ("non_factual", [])
    assert judged("Some doctors urged caution.") == ("non_factual", [])
    # An order given is a recorded act (1.9): a CLAIM; it adds a service, so UFS (4.2, 2026-12-05).
    assert judged("Pharmacies were told to stock flu tests.") == (
        "not_checkworthy",
        ["Pharmacies were told to stock flu tests"],
    )
    assert judged("The panel recommended that the port close at night.")[0] == "non_factual"


def test_rules_3_4_a_contrast_with_a_long_subject_and_a_long_coordinated_subject():
    assert judged("Fees had not risen in 12 years while the cost of collecting rubbish had doubled, she said.")[1] == [
        "Fees had not risen in 12 years",
        "the cost of collecting rubbish had doubled",
    ]
    assert judged("Rainfall ranged from 28 to 41 inches, and downpours of more than 2 inches in a day became common.")[
        1
    ] == ["Rainfall ranged from 28 to 41 inches", "downpours of more than 2 inches in a day became common"]
