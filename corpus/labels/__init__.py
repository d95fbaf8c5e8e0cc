"""What annotators said about a sentence, combined: the merged view and agreement."""
