"""Reports for people: one test module per module of rota.reports."""
