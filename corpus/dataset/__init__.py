"""Records become a Hugging Face dataset folder: features, rows, card, release, Hub."""
