"""The search, above the rules: coverage first, then the human costs."""
