"""The product registry: every product the application sells, each declared once, in its
own package (catalog/<product>/), and listed in settings.INSURANCE_PRODUCTS.

This app knows no product: the apps above it ask the registry (`products.registry`) for
the product of a code and call what it declares. See docs/architecture.md."""
