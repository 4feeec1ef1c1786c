"""The Streamlit app, driven by AppTest and by a real browser."""
