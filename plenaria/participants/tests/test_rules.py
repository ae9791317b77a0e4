from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from plenaria.participants import rules

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda s: s != s[0] * 9)


def test_known_cpfs():
    assert rules.is_valid_cpf("529.982.247-25")
    assert rules.is_valid_cpf("52998224725")
    assert not rules.is_valid_cpf("529.982.247-24")
    assert not rules.is_valid_cpf("111.111.111-11")
    assert not rules.is_valid_cpf("123")
    assert not rules.is_valid_cpf("")


@given(nine_digits)
def test_every_generated_cpf_is_valid_and_one_wrong_digit_is_not(first_nine):
    cpf = rules.cpf_with_digits(first_nine)
    assert rules.is_valid_cpf(cpf)
    wrong = cpf[:10] + str((int(cpf[10]) + 1) % 10)
    assert not rules.is_valid_cpf(wrong)


@given(st.text(max_size=40))
def test_cpf_check_never_crashes(text):
    assert rules.is_valid_cpf(text) in (True, False)


def test_nis():
    nis = rules.nis_with_digit("1234567890")
    assert rules.is_valid_nis(nis)
    assert not rules.is_valid_nis(nis[:10] + str((int(nis[10]) + 1) % 10))
    assert not rules.is_valid_nis("00000000000")


def test_phones():
    assert rules.normalise_phone("(38) 99999-1234") == "38999991234"
    assert rules.normalise_phone("+55 38 3221-1234") == "3832211234"
    assert rules.normalise_phone("99999-1234") == ""
    assert rules.normalise_phone("(03) 99999-1234") == ""


def test_masks_hide_what_identifies():
    assert rules.mask_cpf("52998224725") == "***.982.247-**"
    assert rules.mask_email("joana@exemplo.org") == "j***@exemplo.org"
    assert rules.mask_phone("38999991234") == "(38) *****-1234"


def test_name_key_ignores_accents_case_and_spaces():
    assert rules.name_key("  José   da  Conceição ") == rules.name_key("jose da conceicao")


@given(st.integers(min_value=0, max_value=50))
def test_codes_use_the_unambiguous_alphabet(_):
    code = rules.new_registration_code()
    assert len(code) == rules.CODE_LENGTH
    assert set(code) <= set(rules.CODE_ALPHABET)
    assert rules.normalise_code(code.lower()) == code


def test_copying_personal_data_copies_every_personal_field_and_the_search_key():
    """docs/architecture.md, decision of issue 15: "a registration keeps its own copy of the
    person's data; so does an attendance at a preparatory event"."""
    source = SimpleNamespace(**{f: f"valor {f}" for f in rules.PERSONAL_FIELDS})
    source.name = "Ana Lúcia"
    target = SimpleNamespace()
    rules.copy_personal(source, target)
    assert {f: getattr(target, f) for f in rules.PERSONAL_FIELDS} == vars(source)
    assert target.name_key == rules.name_key("Ana Lúcia")
