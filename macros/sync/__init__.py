"""The upstream sync: compares data/ with public price datasets and proposes edits (command line only).

Upstream data is untrusted input, read with the same care as a contributor's YAML. Ids are mapped to ours only
through data/upstream.yaml; the build never imports this package (tests/test_layers.py).
"""
