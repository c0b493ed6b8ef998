"""Ids in the fixture data (tests/fixtures/data) for macros whose defaults name the real data's."""

FIXTURE_CHAT = {"scenario": "chat", "network": "fast"}
"""The fixture's chat scenario and network: what each price row costs and judges (the real defaults are chat-reply
and slow-4g)."""
