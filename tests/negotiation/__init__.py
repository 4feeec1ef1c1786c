"""Negotiation: why-not explanations, asks and recorded answers."""
