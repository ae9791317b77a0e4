"""Every write on people and registrations. Keyword-only, atomic, validated, audited.

One module per concept; this package re-exports their public names, so callers write
``services.registration_create`` whatever module holds it. Reads are in
``participants.selectors``, pure functions in ``participants.rules``.

Audit entries of registrations carry no personal data (no CPF, contacts,
self-declarations or accessibility needs): the audit log is read by more people than
those allowed to see such data.
"""

from plenaria.participants.services._common import (
    AUDITED_REGISTRATION_FIELDS,
    ONLINE_STATUSES,
    REGISTRATION_FIELDS,
    STAFF_STATUSES,
)
from plenaria.participants.services.certificates import certificate_issue
from plenaria.participants.services.checkin import checkin
from plenaria.participants.services.events import (
    AttendeeChoice,
    AttendeesRegistered,
    attendance_add,
    delegates_elect,
    registrations_from_attendance,
)
from plenaria.participants.services.handover import (
    SEAT_FIELDS,
    registration_from_handover,
    registration_seat_set,
)
from plenaria.participants.services.imports import (
    IMPORT_CHUNK,
    registrations_import,
    registrations_import_undo,
)
from plenaria.participants.services.person_data import (
    attendance_data_export,
    attendance_erase,
    export_record,
    person_data_export,
    person_erase,
)
from plenaria.participants.services.pins import registration_pin_reset, registration_pin_shown
from plenaria.participants.services.registrations import (
    DuplicateRegistration,
    registration_cancel,
    registration_create,
    registration_update,
    send_confirmation,
)
from plenaria.participants.services.substitutes import substitute_release, substitute_replace

__all__ = [
    "AUDITED_REGISTRATION_FIELDS",
    "IMPORT_CHUNK",
    "ONLINE_STATUSES",
    "REGISTRATION_FIELDS",
    "SEAT_FIELDS",
    "STAFF_STATUSES",
    "AttendeeChoice",
    "AttendeesRegistered",
    "DuplicateRegistration",
    "attendance_add",
    "attendance_data_export",
    "attendance_erase",
    "certificate_issue",
    "checkin",
    "delegates_elect",
    "export_record",
    "person_data_export",
    "person_erase",
    "registration_cancel",
    "registration_create",
    "registration_from_handover",
    "registration_pin_reset",
    "registration_pin_shown",
    "registration_seat_set",
    "registration_update",
    "registrations_from_attendance",
    "registrations_import",
    "registrations_import_undo",
    "send_confirmation",
    "substitute_release",
    "substitute_replace",
]
