"""Each market's complaint rule as first read from the regulators' texts: readings for
head office to confirm in /admin/ (Complaint rules), where they are edited afterwards.
The migration 0002 loads them; a database emptied since (a test's flush) gets a market's
row back the first time it is asked for (complaints.services.rule_of)."""

RULES = [
    {
        "market": "UK",
        "regulator": "Financial Conduct Authority",
        "reference": "DISP 1.5.2R (summary resolution by the end of the third business day "
        "after receipt), DISP 1.6.1R (prompt acknowledgement), DISP 1.6.2R (final response "
        "within eight weeks), DISP 1 Annex 3R (the Ombudsman's wording)",
        "acknowledge_days": None,
        "summary_resolution_days": 3,
        "final_response_days": 56,
        "final_response_unit": "calendar",
        "warn_days": 5,
        "holiday_country": "GB",
        "holiday_subdivision": "ENG",
        "referral_body": "the Financial Ombudsman Service",
        "referral_text": (
            "If you remain dissatisfied, you may refer your complaint to the Financial "
            "Ombudsman Service, free of charge, within six months of the date of our final "
            "response. If you do not refer it in time, the Ombudsman will not have our "
            "permission to consider it and so will only be able to do so in very limited "
            "circumstances, for example if it believes that the delay was the result of "
            "exceptional circumstances.\nFinancial Ombudsman Service, Exchange Tower, London "
            "E14 9SR · 0800 023 4567 · www.financial-ombudsman.org.uk"
        ),
        "referral_months": 6,
        "notes": "Reading: business days are weekdays other than England's bank holidays; "
        "the eight weeks are 56 calendar days from receipt.",
    },
    {
        "market": "IT",
        "regulator": "IVASS",
        "reference": "Regolamento IVASS n. 24/2008, art. 8 (riscontro entro 45 giorni dal "
        "ricevimento del reclamo)",
        "acknowledge_days": None,
        "summary_resolution_days": None,
        "final_response_days": 45,
        "final_response_unit": "calendar",
        "warn_days": 5,
        "holiday_country": "IT",
        "holiday_subdivision": "",
        "referral_body": "IVASS / Arbitro Assicurativo",
        "referral_text": (
            "Se non è soddisfatto della nostra risposta, o non la riceve entro 45 giorni, "
            "può rivolgersi all'IVASS, Servizio Tutela del Consumatore, Via del Quirinale 21, "
            "00187 Roma (www.ivass.it), allegando copia del reclamo e della nostra risposta, "
            "oppure all'Arbitro Assicurativo o agli altri sistemi di risoluzione alternativa "
            "delle controversie previsti dalla legge."
        ),
        "referral_months": None,
        "notes": "Reading: 45 calendar days from receipt; no acknowledgement period is set.",
    },
    {
        "market": "AU",
        "regulator": "ASIC",
        "reference": "RG 271.41 (acknowledge within 24 hours or one business day), RG "
        "271.49 (respond within 30 calendar days), RG 271.56 (AFCA in the response)",
        "acknowledge_days": 1,
        "summary_resolution_days": None,
        "final_response_days": 30,
        "final_response_unit": "calendar",
        "warn_days": 5,
        "holiday_country": "AU",
        "holiday_subdivision": "NSW",
        "referral_body": "the Australian Financial Complaints Authority (AFCA)",
        "referral_text": (
            "If you are not satisfied with our response, or we have not responded within 30 "
            "days, you may lodge a complaint with the Australian Financial Complaints "
            "Authority (AFCA), a free and independent external dispute resolution scheme: "
            "www.afca.org.au · info@afca.org.au · 1800 931 678 · GPO Box 3, Melbourne VIC "
            "3001. Time limits may apply to lodge a complaint with AFCA."
        ),
        "referral_months": None,
        "notes": "Reading: a dealer whose region is a state follows that state's public "
        "holidays; otherwise New South Wales'.",
    },
]
