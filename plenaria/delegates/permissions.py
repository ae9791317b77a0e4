"""Who reads and who sets seat tables: the state council for its municipalities, the
national council for the states (their organiser members write)."""

from plenaria.territory.models import State
from plenaria.territory.selectors import user_scope


def can_read_table(user, state: State | None) -> bool:
    scope = user_scope(user)
    if scope.is_admin or scope.national_reader:
        return True
    # a state council reads its own table and its line of the national one
    return bool(scope.read_state_ids) if state is None else scope.reads_state(state.pk)


def can_write_table(user, state: State | None) -> bool:
    scope = user_scope(user)
    if state is None:
        return scope.is_admin or scope.national_writer
    return scope.is_admin or state.pk in scope.write_state_ids
