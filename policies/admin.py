"""Head office edits products, readings, rate cards (with CSV import/export), taxes, fees."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dealers.limits import size_text

from . import services
from .models import (
    CommissionRate,
    Fee,
    Product,
    ProductSetting,
    RateCard,
    RateCardEntry,
    TaxRate,
)


class ProductSettingInline(admin.TabularInline):
    model = ProductSetting
    extra = 0


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "market", "brand", "currency", "renewable", "active"]
    list_filter = ["market", "brand", "active"]
    inlines = [ProductSettingInline]


class RateCardEntryInline(admin.TabularInline):
    model = RateCardEntry
    extra = 0


# A rate card has some hundreds of lines: a file far larger is a wrong file.
RATE_CARD_CSV_MAX_BYTES = 2**20


class RateCardImportForm(forms.Form):
    product = forms.ModelChoiceField(queryset=Product.objects.all(), label=_("Product"))
    effective_from = forms.DateField(
        label=_("Effective from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.CharField(label=_("Version"), max_length=40)
    file = forms.FileField(label=_("CSV file (key,value,description)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > RATE_CARD_CSV_MAX_BYTES:  # import_csv reads it whole
            raise ValidationError(
                _("A rate card file can be %(limit)s at most.")
                % {"limit": size_text(RATE_CARD_CSV_MAX_BYTES)}
            )
        return upload


@admin.register(RateCard)
class RateCardAdmin(SimpleHistoryAdmin):
    list_display = ["product", "version", "effective_from", "created_by", "created_at"]
    list_filter = ["product"]
    inlines = [RateCardEntryInline]
    actions = ["export_csv"]
    change_list_template = "admin/policies/ratecard/change_list.html"

    @admin.action(description=_("Export the selected rate card as CSV"))
    def export_csv(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one rate card to export."), messages.WARNING)
            return None
        card = queryset.get()
        response = HttpResponse(services.rate_card_export_csv(card), content_type="text/csv")
        name = f"{card.product.code}-{card.effective_from:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_urls(self):
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_csv),
                name="policies_ratecard_import",
            )
        ]
        return extra + super().get_urls()

    def import_csv(self, request):
        form = RateCardImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                card = services.rate_card_import_csv(
                    product=form.cleaned_data["product"],
                    effective_from=form.cleaned_data["effective_from"],
                    version=form.cleaned_data["version"],
                    csv_text=form.cleaned_data["file"].read().decode("utf-8-sig"),
                    created_by=request.user,
                )
            except (ValidationError, UnicodeDecodeError) as e:
                for message in getattr(e, "messages", [str(e)]):
                    form.add_error(None, message)
            else:
                self.message_user(request, _("Rate card %s imported.") % card)
                return redirect("admin:policies_ratecard_change", card.pk)
        context = {**self.admin_site.each_context(request), "form": form,
                   "title": _("Import a rate card from CSV"), "opts": self.model._meta}  # fmt: skip
        return render(request, "admin/policies/ratecard/import.html", context)


@admin.register(TaxRate)
class TaxRateAdmin(SimpleHistoryAdmin):
    list_display = ["product", "code", "label", "region", "tax_class", "rate", "on_taxes",
                    "position", "effective_from", "effective_to"]  # fmt: skip
    list_filter = ["product__market", "product", "code"]


@admin.register(Fee)
class FeeAdmin(SimpleHistoryAdmin):
    list_display = ["product", "code", "label", "amount", "effective_from"]
    list_filter = ["product"]


@admin.register(CommissionRate)
class CommissionRateAdmin(SimpleHistoryAdmin):
    list_display = ["product", "dealer", "rate", "effective_from"]
    list_filter = ["product", "dealer__market"]
    autocomplete_fields = ["dealer"]
