"""The store: versions, drafts, runs, answers, accounts and audit, on SQLite and
PostgreSQL."""
