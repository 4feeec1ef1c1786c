"""One test module per rule module: a tiny week where the rule decides the rota."""
