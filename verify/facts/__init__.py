"""The fact layer: typed facts from text (spaCy), stored with each source, aligned claim against passage."""
