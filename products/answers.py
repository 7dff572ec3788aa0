"""A product's typed answers (placeholder: the schema machinery lands next)."""


class Answers:
    version = 1
