"""The Streamlit app: the only code that imports streamlit. Every page is inputs,
one call into the rota API or the store, and rendering."""
