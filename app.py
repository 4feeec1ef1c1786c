"""The rota app: `streamlit run app.py` (or `rota demo`)."""

from ui.main import main

main()
