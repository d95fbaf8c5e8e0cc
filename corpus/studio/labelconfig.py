"""The Label Studio labeling config, generated from the schema's label set.

The names of the control tags are the contract between the config, the pre-annotations and
the conversion of results; they are defined here once.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from corpus.schema import LabelSet, label_set

SENTENCE = "sentence"  # <Text> with the unit to annotate
CONTEXT = "context"  # <Text> with the sentences before it
SPAN_LABELS = "label"  # <Labels> on the sentence
CONTEXT_LABELS = "context_label"  # <Labels> on the context (SOURCE only)
FIGURE_VALUE = "figure_value"
FIGURE_UPPER = "figure_upper"  # Number: the upper end of a range (schema 2.0.0 on)
FIGURE_UNIT = "figure_unit"
FIGURE_KIND = "figure_kind"
FIGURE_APPROX = "figure_approx"
CHECKWORTHY = "checkworthy"
COMMENT = "comment"
NO_SOURCE = "no_source"  # per-CONTENT choice: an attribution without any source
FIGURE_FIELDS = (FIGURE_VALUE, FIGURE_UPPER, FIGURE_UNIT, FIGURE_KIND, FIGURE_APPROX)
# Hotkey for the context's SOURCE label: the sentence's SOURCE already uses the plain key.
CONTEXT_HOTKEY_PREFIX = "shift+"

_STYLE = """
  .corpus-title { color: #555; font-size: 13px; margin-bottom: 4px; }
  .corpus-context { color: #666; background: #f3f3f3; border-left: 4px solid #c8c8c8; padding: 6px 10px; font-size: 14px; }
  .corpus-sentence { background: #fffbe6; border: 2px solid #e0b400; border-radius: 4px; padding: 10px 12px; font-size: 18px; line-height: 1.8; margin: 6px 0; }
  .corpus-figure { border: 1px dashed #911eb4; padding: 6px 10px; margin-top: 6px; }
"""


def _attr(value: str) -> str:
    return quoteattr(value)


def generate(labels: LabelSet | None = None) -> str:
    """The labeling config XML for a label set (the current schema's by default)."""
    labels = labels or label_set()
    span_labels = "\n".join(
        f"    <Label value={_attr(l.name)} hotkey={_attr(l.hotkey or '')} background={_attr(l.background or '#888')} hint={_attr(l.description)}/>"
        for l in labels.span_labels
    )
    by_name = {l.name: l for l in labels.span_labels}
    context_labels = "\n".join(
        f"    <Label value={_attr(name)} hotkey={_attr(CONTEXT_HOTKEY_PREFIX + (by_name[name].hotkey or ''))} "
        f"background={_attr(by_name[name].background or '#888')} hint={_attr('In the context: ' + by_name[name].description)}/>"
        for name in labels.context_labels
    )
    relations = "\n".join(
        f"    <Relation value={_attr(t.name)} hint={_attr(t.description)}/>" for t in labels.attribution_types
    )
    kinds = "\n".join(f"      <Choice value={_attr(k)}/>" for k in labels.figure_kinds)
    approx = "\n".join(f"      <Choice value={_attr(a)}/>" for a in labels.figure_approx)
    checkworthy = "\n".join(
        f"    <Choice value={_attr(c.name)} hotkey={_attr(c.hotkey or '')} hint={_attr(c.description)}/>"
        for c in labels.checkworthy
    )
    upper = (
        f'    <Header value="upper end of a range (empty otherwise)" size="7"/>\n'
        f'    <Number name="{FIGURE_UPPER}" toName="{SENTENCE}" perRegion="true"/>\n'
        if labels.figure_upper
        else ""
    )
    no_source = (
        f'  <View visibleWhen="region-selected" whenTagName="{SPAN_LABELS}" whenLabelValue={_attr(labels.content)} className="corpus-figure">\n'
        f'    <Choices name="{NO_SOURCE}" toName="{SENTENCE}" perRegion="true" choice="multiple" showInline="true">\n'
        f'      <Choice value="{NO_SOURCE}" hint="No source in the sentence or its context: It is understood that ..., ... was reported to ..."/>\n'
        "    </Choices>\n"
        "  </View>\n"
        if labels.zero_source
        else ""
    )
    return f"""<View>
  <!-- corpus schema {labels.version}: generated from schemas/{labels.version}/annotation.schema.json; do not edit by hand -->
  <Style>{_STYLE}</Style>
  <View className="corpus-title"><Text name="title" value="$title" granularity="word"/></View>
  <Header value="Context (a SOURCE may be marked here)" size="6"/>
  <Labels name="{CONTEXT_LABELS}" toName="{CONTEXT}" choice="single">
{context_labels}
  </Labels>
  <View className="corpus-context"><Text name="{CONTEXT}" value="$context_before"/></View>
  <Header value="Sentence to annotate" size="5"/>
  <Labels name="{SPAN_LABELS}" toName="{SENTENCE}" choice="single">
{span_labels}
  </Labels>
  <View className="corpus-sentence"><Text name="{SENTENCE}" value="$text"/></View>
  <View className="corpus-context"><Text name="context_after" value="$context_after"/></View>
  <Relations>
{relations}
  </Relations>
  <View visibleWhen="region-selected" whenTagName="{SPAN_LABELS}" whenLabelValue={_attr(labels.figure)} className="corpus-figure">
    <Header value="Selected FIGURE" size="6"/>
    <Header value="value (a plain number; empty when vague; for a range its lower end)" size="7"/>
    <Number name="{FIGURE_VALUE}" toName="{SENTENCE}" perRegion="true"/>
{upper}    <Header value="unit" size="7"/>
    <TextArea name="{FIGURE_UNIT}" toName="{SENTENCE}" perRegion="true" maxSubmissions="1" editable="true" placeholder="servicemen, missiles, %, USD, ..."/>
    <Header value="kind" size="7"/>
    <Choices name="{FIGURE_KIND}" toName="{SENTENCE}" perRegion="true" choice="single" showInline="true">
{kinds}
    </Choices>
    <Header value="approximation" size="7"/>
    <Choices name="{FIGURE_APPROX}" toName="{SENTENCE}" perRegion="true" choice="single" showInline="true">
{approx}
    </Choices>
  </View>
{no_source}  <Header value={_attr(labels.checkworthy_question)} size="6"/>
  <Choices name="{CHECKWORTHY}" toName="{SENTENCE}" choice="single" showInline="true">
{checkworthy}
  </Choices>
  <TextArea name="{COMMENT}" toName="{SENTENCE}" maxSubmissions="1" editable="true" placeholder="Comment (optional)"/>
</View>
"""
