"""The API's JSON parser: DRF's, with the body's size and nesting bounded before it is
parsed (dealers/bounded_json.py), so that a body of a few kilobytes of brackets is a 400,
not a RecursionError and a 500."""

import io

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from dealers.bounded_json import MAX_BYTES, json_problem


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read(MAX_BYTES + 1) if stream is not None else b""
        if problem := json_problem(body):
            raise ParseError(problem)
        return super().parse(io.BytesIO(body), media_type, parser_context)
