"""Demo data for `manage.py load_demo`: the tables in data.py, the dealers, staff,
customers and deals in loader.py, the book of business in book.py. An app of its own at
the top of the layers (docs/architecture.md): it drives everything below it."""
