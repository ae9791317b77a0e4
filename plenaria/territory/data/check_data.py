"""Sanity checks for the CSV files in this folder (standard library only)."""

import csv
import os
import re
import unicodedata
from collections import Counter

D = os.path.dirname(os.path.abspath(__file__)) + "/"


def rd(n):
    with open(D + n, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


st, mu, am = rd("states.csv"), rd("municipalities.csv"), rd("amams.csv")
po, co = rd("ibge-populacao-2025.csv"), rd("municipios-coordenadas.csv")
assert list(st[0]) == ["ibge_code", "abbreviation", "name", "region"]
assert list(mu[0]) == ["ibge_code", "name", "state"]
assert list(am[0]) == ["ibge_code", "name"]
assert (
    len(st) == 27
    and len({s["ibge_code"] for s in st}) == 27
    and len({s["abbreviation"] for s in st}) == 27
)
reg = {"1": "Norte", "2": "Nordeste", "3": "Sudeste", "4": "Sul", "5": "Centro-Oeste"}
for s in st:
    assert re.fullmatch(r"\d{2}", s["ibge_code"]) and re.fullmatch(r"[A-Z]{2}", s["abbreviation"])
    assert s["region"] == reg[s["ibge_code"][0]]
uf2code = {s["abbreviation"]: s["ibge_code"] for s in st}
assert uf2code["MG"] == "31" and uf2code["DF"] == "53"
assert len(mu) == 5571, len(mu)
codes = [m["ibge_code"] for m in mu]
assert len(set(codes)) == 5571 and codes == sorted(codes, key=int)
for m in mu:
    assert re.fullmatch(r"\d{7}", m["ibge_code"]), m
    assert m["ibge_code"][:2] == uf2code[m["state"]], m
    assert m["name"] == m["name"].strip() and m["name"] == unicodedata.normalize("NFC", m["name"])
c = Counter(m["state"] for m in mu)
assert c["MG"] == 853 and c["DF"] == 1 and c["SP"] == 645, c
assert {m["ibge_code"]: m["name"] for m in mu}["5300108"] == "Brasília"
by = {m["ibge_code"]: m for m in mu}
assert len(am) >= 12 and len({a["ibge_code"] for a in am}) == len(am)
for a in am:
    assert by[a["ibge_code"]]["state"] == "MG" and by[a["ibge_code"]]["name"] == a["name"], a
assert any(a["ibge_code"] == "3143302" and a["name"] == "Montes Claros" for a in am)
# Population (IBGE estimates, 1 July 2025) and coordinates: one row per municipality.
assert list(po[0]) == ["uf", "codigo_uf", "codigo_municipio", "municipio", "populacao"]
pop = {p["codigo_municipio"]: int(p["populacao"]) for p in po}
assert len(po) == len(pop) == 5571 and set(pop) == set(by), set(pop) ^ set(by)
for p in po:
    assert p["uf"] == by[p["codigo_municipio"]]["state"], p
    assert p["municipio"] == by[p["codigo_municipio"]]["name"], p
assert sum(pop.values()) == 213_421_037 and min(pop.values()) == 856
assert pop["3143302"] == 437_601 and pop["3106200"] == 2_415_872 and pop["5101837"] == 5_877
coords = {c["codigo_ibge"]: c for c in co}
assert len(co) == len(coords) == 5571 and set(coords) == set(by)
for row in co:
    assert -34 < float(row["latitude"]) < 6 and -74 < float(row["longitude"]) < -28, row
assert (coords["3143302"]["latitude"], coords["3143302"]["longitude"]) == ("-16.7282", "-43.8578")
print(
    f"OK states={len(st)} municipalities={len(mu)} amams={len(am)} MG={c['MG']} "
    f"population={len(pop)} coordinates={len(coords)}"
)
