"""Sources become documents and sentences: reading, segmentation, pre-annotation rules."""
