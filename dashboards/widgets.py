"""Form widgets rendered in Python: a select's options through Django's templates, one
template per option, cost the dashboards more than their SQL (bench/README.md)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(v) for v in values if v not in (None, "")}
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((str(v), " selected" if str(v) in chosen else "", label)
             for v, label in self.choices),
        )  # fmt: skip
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class QuickMonthInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name, "type": "month"})
        if value not in (None, ""):
            attrs["value"] = value.strftime("%Y-%m") if hasattr(value, "strftime") else value
        return format_html("<input{}>", flatatt(attrs))
