"""Every route × every persona → the status it must answer: one table (issue 15).

The routes come from the URLconf itself (admin and static files aside), so a new route
fails `test_every_route_has_its_rows_in_the_table` until it is written in MATRIX with
what each persona gets for GET and for POST. Write there the behaviour DESIGN.md asks
for, not what the code happens to do.

The personas (columns of MATRIX):
  anon  anonymous visitor
  part  participant of this conference: a session opened with code + PIN (/participar/)
  pt2   participant of another municipality's conference (Janaúba), the same way
  org   organiser of Montes Claros (CMAS member with the organiser role)
  chk   check-in staff of the conference (ConferenceRole "checkin")
  mesa  presiding table of the conference (ConferenceRole "table")
  rap   rapporteur account of the conference (ConferenceRole "rapporteur")
  out   organiser of another municipality (Janaúba)
  ceas  state council (CEAS/MG) member who reads; ce+ the same with the organiser role
  cnas  national council (CNAS) member who reads; cn+ the same with the organiser role
  asso  staff of the AMAMS association (Montes Claros and Janaúba are members)
  adm   superuser

A cell is the HTTP status, or `log` for a redirect to the login page. POST rows post
POST_DATA (empty when absent); on a GET-only or POST-only route the other method's
row is the wrong-method check. Every request runs in a transaction rolled back after
it, so no request sees what another changed. The URL parameters come from PARAMS:
by (url name, parameter), else by parameter.

The rules the table applies (DESIGN.md, Permissions; issue 15):
- staff pages redirect anonymous visitors and participants to the login page;
- who may not read a conference gets 404 (they need not know what it holds), who may
  read it but not do this gets 403;
- personal data (a person's data export, erasure, the delegates' contact XLSX) are for
  the organisers of that conference only: check-in staff register and credential
  people, they do not export or erase (defect 16);
- a participant sees their own conference's participant pages, nothing of another.
"""

import copy
import logging
import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plenaria.conftest import client_for, make_council_member, make_user
from plenaria.core.tests import route_world
from plenaria.territory.models import Council, Level

PERSONAS = ["anon", "part", "pt2", "org", "chk", "mesa", "rap"]
PERSONAS += ["out", "ceas", "ce+", "cnas", "cn+", "asso", "adm"]
TO_LOGIN = "log"

# [section] is the URL namespace; a blank name repeats the row above; name@variant is
# the same route with other objects in its parameters (see PARAMS).
MATRIX = """
                              anon part  pt2  org  chk mesa  rap  out ceas  ce+ cnas  cn+ asso  adm
[root]
home                    GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
login                   GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   200  200  200  200  200  200  200  200  200  200  200  200  200  200
logout                  GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   302  302  302  302  302  302  302  302  302  302  302  302  302  302
set_language            GET    302  302  302  302  302  302  302  302  302  302  302  302  302  302
                        POST   302  302  302  302  302  302  302  302  302  302  302  302  302  302
pin_unlock              GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
job                     GET    log  log  log  200  404  404  404  404  404  404  404  404  404  404
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
job_progress            GET    log  log  log  200  404  404  404  404  404  404  404  404  404  404
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
job_file                GET    log  log  log  200  404  404  404  404  404  404  404  404  404  404
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
job_again               GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  404  404  404  404  404  404  404  404  404  404
[conferences]
public                  GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
act_document            GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
dashboard               GET    log  log  log  200  200  200  200  200  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
create                  GET    log  log  log  200  403  403  403  200  403  200  403  200  403  200
                        POST   log  log  log  200  403  403  403  200  403  200  403  200  403  200
warnings                GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
manage                  GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
history                 GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
edit                    GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
act                     GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
regimento               GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
commission              GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
shifts                  GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
programme               GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
programme_row           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
advance                 GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
reopen                  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  400  403  403  403  404  403  403  403  403  403  400
delete                  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
[reports]
index                   GET    log  log  log  403  403  403  403  403  302  302  302  302  302  302
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
national                GET    log  log  log  403  403  403  403  403  403  403  200  200  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
state                   GET    log  log  log  403  403  403  403  403  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
[participants]
register                GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   409  409  409  409  409  409  409  409  409  409  409  409  409  409
confirmation            GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
qr                      GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
list                    GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
new                     GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  200  403  403  404  403  403  403  403  403  200
import                  GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  200  403  403  404  403  403  403  403  403  200
import_template         GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
statistics              GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
credentialing           GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
credentialing_counts    GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
credentialing_confirm   GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
person_export           GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
person_erase            GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
pin_slip                GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
pin_slip_pdf            GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
pin_reset               GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
cancel                  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
edit                    GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  200  403  403  404  403  403  403  403  403  200
substitution            GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
substitution_release    GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  400  400  403  403  404  403  403  403  403  403  400
documents               GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
badges                  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
attendance_list         GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
attendance_pdf          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  403  403  404  403  403  403  403  403  302
conference_certificates GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
certificates            GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
certificate_verify      GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
my_certificate          GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
conference_events       GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
association_events      GET    log  log  log  404  404  404  404  404  200  200  200  200  200  200
                        POST   log  log  log  404  404  404  404  404  403  200  403  403  403  200
participant_login       GET    200  200  200  200  200  200  200  200  200  200  200  200  200  200
                        POST   200  200  200  200  200  200  200  200  200  200  200  200  200  200
participant_logout      GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   302  302  302  302  302  302  302  302  302  302  302  302  302  302
from_attendance         GET    log  log  log  200  200  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
from_attendance_register GET   log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  200  403  403  404  403  403  403  403  403  200
event                   GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
event@regional          GET    log  log  log  404  404  404  404  404  200  200  200  200  200  200
                        POST   log  log  log  404  404  404  404  404  403  200  403  403  403  200
event_edit              GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
event_elect             GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
event_attendance        GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
event_certificates      GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
attendance_export       GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
attendance_erase        GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
[proposals]
groups                  GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  200  403  200  200  404  403  403  403  403  403  200
balance                 GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  302  404  403  403  403  403  403  302
group                   GET    404  200  404  200  200  200  200  404  200  200  200  200  200  200
                        POST   404  403  404  200  403  200  200  404  403  403  403  403  403  200
adopt                   GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   404  403  404  302  403  302  302  404  403  403  403  403  403  302
drop                    GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   404  403  404  302  403  302  302  404  403  403  403  403  403  302
merge                   GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   404  403  404  302  403  302  302  404  403  403  403  403  403  302
vote                    GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   404  403  404  302  403  302  302  404  403  403  403  403  403  302
edit                    GET    404  403  404  200  403  200  200  404  403  403  403  403  403  200
                        POST   404  403  404  200  403  200  200  404  403  403  403  403  403  200
consolidated            GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  302  403  302  302  404  403  403  403  403  403  302
consolidated_pdf        GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
submitted               GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  200  403  200  200  404  403  403  403  403  403  200
earlier_search          GET    404  200  404  200  200  200  200  404  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
deliberations           GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
plenary                 GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
plenary_highlight       GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
highlights_open         GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
highlights_close        GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
en_bloc                 GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
highlight_decide        GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
motions                 GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
motions_deadline        GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
motion_register         GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
motions_close           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
motion_paper_signature  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
motion_decide           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
participant             GET    403  200  403  403  403  403  403  403  403  403  403  403  403  403
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
participant_join        GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   403  302  403  403  403  403  403  403  403  403  403  403  403  403
participant_highlight   GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   403  200  403  403  403  403  403  403  403  403  403  403  403  403
participant_motion      GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   403  200  403  403  403  403  403  403  403  403  403  403  403  403
participant_sign        GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   403  302  403  403  403  403  403  403  403  403  403  403  403  403
[voting]
console                 GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
settings                GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
poll_create             GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
poll_open               GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
poll_close              GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
poll_publish            GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
analog_counts           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
projector               GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
results_pdf             GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
named_votes             GET    log  log  log  200  403  200  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
state                   GET    404  200  404  200  200  200  200  404  200  200  200  200  200  200
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
events                  GET    404  204  404  204  204  204  204  404  204  204  204  204  204  204
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
delegate                GET    403  200  403  403  403  403  403  403  403  403  403  403  403  403
                        POST   403  302  403  403  403  403  403  403  403  403  403  403  403  403
[editions]
list                    GET    log  log  log  200  200  200  200  200  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
create                  GET    log  log  log  403  403  403  403  403  403  403  403  200  403  200
                        POST   log  log  log  403  403  403  403  403  403  403  403  200  403  200
edit                    GET    log  log  log  403  403  403  403  403  403  403  403  200  403  200
                        POST   log  log  log  403  403  403  403  403  403  403  403  200  403  200
state                   GET    log  log  log  404  404  404  404  404  403  200  403  403  404  200
                        POST   log  log  log  404  404  404  404  404  403  200  403  403  404  200
[delegates]
national                GET    log  log  log  404  404  404  404  404  200  200  200  200  404  200
                        POST   log  log  log  404  404  404  404  404  403  403  403  200  404  200
national_shares         GET    log  log  log  404  404  404  404  404  200  200  200  200  404  200
                        POST   log  log  log  404  404  404  404  404  403  403  403  200  404  200
import                  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  404  404  404  404  404  403  403  403  400  404  400
state                   GET    log  log  log  404  404  404  404  404  200  200  200  200  404  200
                        POST   log  log  log  404  404  404  404  404  403  200  403  403  404  200
conference              GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
candidacy_register      GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
candidacy_withdraw      GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
nominate                GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
election_start          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
election_record         GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
election_cancel         GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
roles                   GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
confirm                 GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
send                    GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
received                GET    log  log  log  404  404  404  404  404  200  200  200  200  404  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
received_detail         GET    log  log  log  404  404  404  404  404  200  200  200  200  404  200
                        POST   log  log  log  404  404  404  404  404  403  200  403  403  404  200
publication             GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
pdf                     GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
xlsx                    GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
mine                    GET    403  200  403  403  403  403  403  403  403  403  403  403  403  403
                        POST   405  405  405  405  405  405  405  405  405  405  405  405  405  405
stand                   GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   403  302  403  403  403  403  403  403  403  403  403  403  403  403
withdraw                GET    405  405  405  405  405  405  405  405  405  405  405  405  405  405
                        POST   403  302  403  403  403  403  403  403  403  403  403  403  403  403
segment_choice          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
forum_delegate          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
council                 GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
council_candidacy_add   GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  200  403  404  403  403  403  403  403  200
council_candidacy_withdraw GET log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
council_start           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
council_record          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
council_cancel          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  302  403  404  403  403  403  403  403  302
council_write           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
council_resolution      GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
[records]
report                  GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
narrative               GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
narrative_save          GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
pdf                     GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  302  302  302  404  302  302  302  302  302  302
xlsx                    GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
csv                     GET    log  log  log  200  200  200  200  404  200  200  200  200  200  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
[evaluation]
form                    GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
create                  GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
question_add            GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
question_edit           GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
question_up             GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
question_down           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
question_remove         GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  403  403  403  404  403  403  403  403  403  302
paper                   GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  200  403  403  403  404  403  403  403  403  403  200
results                 GET    log  log  log  200  403  403  403  404  403  403  403  403  403  200
                        POST   log  log  log  405  405  405  405  405  405  405  405  405  405  405
answer                  GET    403  200  403  403  403  403  403  403  403  403  403  403  403  403
                        POST   403  200  403  403  403  403  403  403  403  403  403  403  403  403
[territory]
council_settings        GET    log  log  log  200  404  404  404  404  404  404  404  404  404  200
                        POST   log  log  log  302  404  404  404  404  404  404  404  404  404  302
council_seats           GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  404  404  404  404  404  404  404  404  404  302
council_member_add      GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  404  404  404  404  404  404  404  404  404  302
council_member_edit     GET    log  log  log  200  404  404  404  404  404  404  404  404  404  200
                        POST   log  log  log  302  404  404  404  404  404  404  404  404  404  302
council_member_end_term GET    log  log  log  405  405  405  405  405  405  405  405  405  405  405
                        POST   log  log  log  302  404  404  404  404  404  404  404  404  404  302
"""

# The objects each URL parameter names, taken from the world (route_world.World).
PARAMS = {
    "pk": lambda w: w.conference.pk,
    "code": lambda w: w.participant.code,
    "registration_pk": lambda w: w.subject.pk,
    "shift_pk": lambda w: w.shift.pk,
    ("job", "pk"): lambda w: w.job.pk,
    ("job_progress", "pk"): lambda w: w.job.pk,
    ("job_file", "pk"): lambda w: w.job.pk,
    ("job_again", "pk"): lambda w: w.failed_job.pk,
    "year": lambda w: w.conference.edition.year,
    "part": lambda w: "methodology",
    "uf": lambda w: w.conference.state.abbreviation.lower(),
    "handover_pk": lambda w: w.handover.pk,
    "proposal_pk": lambda w: w.proposal.pk,
    "poll_pk": lambda w: w.poll.pk,
    "candidacy_pk": lambda w: w.participant.candidacy.pk,
    "election_pk": lambda w: w.conference.elections.get().pk,
    ("participants:substitution", "registration_pk"): lambda w: w.substitute.pk,
    ("participants:substitution_release", "registration_pk"): lambda w: w.substitute.pk,
    ("participants:association_events", "pk"): lambda w: w.association.pk,
    ("participants:event", "pk"): lambda w: w.event.pk,
    ("participants:event@regional", "pk"): lambda w: w.regional_meeting.pk,
    ("participants:event_edit", "pk"): lambda w: w.event.pk,
    ("participants:event_elect", "pk"): lambda w: w.event.pk,
    ("participants:event_attendance", "pk"): lambda w: w.event.pk,
    ("participants:event_certificates", "pk"): lambda w: w.event.pk,
    ("participants:attendance_export", "pk"): lambda w: w.event.pk,
    ("participants:attendance_erase", "pk"): lambda w: w.event.pk,
    "attendance_pk": lambda w: w.attendance.pk,
    ("proposals:group", "pk"): lambda w: w.group.pk,
    ("proposals:adopt", "pk"): lambda w: w.group.pk,
    ("proposals:drop", "pk"): lambda w: w.group.pk,
    ("proposals:merge", "pk"): lambda w: w.group.pk,
    ("proposals:vote", "pk"): lambda w: w.group.pk,
    "axis_pk": lambda w: w.proposal.axis_id,
    "highlight_pk": lambda w: w.highlight.pk,
    "motion_pk": lambda w: w.motion.pk,
    ("proposals:edit", "pk"): lambda w: w.proposal.pk,
    ("delegates:received", "pk"): lambda w: w.state_conference.pk,
    ("delegates:received_detail", "pk"): lambda w: w.state_conference.pk,
    ("territory:council_settings", "pk"): lambda w: w.conference.municipality.council.pk,
    ("territory:council_seats", "pk"): lambda w: w.conference.municipality.council.pk,
    ("territory:council_member_add", "pk"): lambda w: w.conference.municipality.council.pk,
    ("territory:council_member_edit", "pk"): lambda w: w.conference.municipality.council.pk,
    ("territory:council_member_end_term", "pk"): lambda w: w.conference.municipality.council.pk,
    "member_pk": lambda w: w.conference.municipality.council.members.order_by("pk").first().pk,
    ("delegates:council_candidacy_withdraw", "candidacy_pk"): lambda w: (
        w.participant.council_candidacy.pk
    ),
    "question_pk": lambda w: w.conference.evaluation_form.questions.order_by("position")[0].pk,
    ("delegates:council_record", "election_pk"): lambda w: w.conference.council_elections.get().pk,
    ("delegates:council_cancel", "election_pk"): lambda w: w.conference.council_elections.get().pk,
}

# What the POST rows send where an empty form would not reach the write.
POST_DATA = {
    "records:narrative_save": lambda w: {
        "methodology-text": "Grupos por eixo.",
        "methodology-version": "0",
    },
    "conferences:warnings": lambda w: {"conference": w.conference.pk},
    "conferences:regimento": lambda w: {"source": "Regimento, art. 9", "max_per_axis_sphere": 4},
    "participants:credentialing_confirm": lambda w: {
        "code": w.absent_titular.code,
        "turno": w.shift.pk,
    },
    "participants:person_erase": lambda w: {"confirm": "yes"},
    "participants:attendance_erase": lambda w: {"confirm": "yes"},
    "participants:substitution": lambda w: {"titular": w.absent_titular.pk},
    "participants:event_elect": lambda w: {"attendance": w.attendance.pk},
    "participants:from_attendance_register": lambda w: {
        "attendance": w.attendance.pk,
        f"category-{w.attendance.pk}": "guest",
        f"segment-{w.attendance.pk}": "users",
    },
    "proposals:vote": lambda w: {"yes": 8, "no": 1, "abstention": 1},
    "proposals:participant_join": lambda w: {"group": w.group.pk},
    "proposals:consolidated": lambda w: {"proposal": w.proposal.pk, "priority": 1},
    "voting:settings": lambda w: {
        "rules-majority": "simple",
        "rules-quorum": "none",
        "rules-mode": "open",
    },
    "voting:poll_create": lambda w: {"item": "free", "question": "Mais uma?", "mode": "open"},
    # the world's poll is open and electronic: the counts are refused at the form
    "voting:analog_counts": lambda w: {"count_yes": 1, "count_no": 0, "count_abstention": 0},
    "voting:delegate": lambda w: {"poll": w.poll.pk, "option": "yes"},
    "territory:council_settings": lambda w: {"period_years": 2},
    "territory:council_seats": lambda w: {
        "seats-law": "Lei nº 9/2010",
        **{f"seats-{p}_{s}": 1 for p in "ts" for s in ("users", "workers", "entities")},
    },
    "territory:council_member_add": lambda w: {
        "m-name": "Joana",
        "m-role": "councillor",
        "m-sector": "government",
        "m-term_start": "2026-01-01",
    },
    "territory:council_member_edit": lambda w: {
        "name": "Joana",
        "role": "councillor",
        "sector": "government",
        "term_start": "2024-01-01",
    },
    "territory:council_member_end_term": lambda w: {"end-term_end": "2026-06-30"},
}


@dataclass(frozen=True)
class Row:
    name: str  # namespaced URL name, with an optional @variant
    method: str
    expected: dict  # persona → status (int) or TO_LOGIN

    @property
    def route(self) -> str:
        return self.name.split("@")[0]


METHODS = ("GET", "POST")


def parse(text: str) -> list[Row]:
    rows, namespace, name = [], "", ""
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0].split() == PERSONAS, "the header must name the personas in order"
    for line in lines[1:]:
        if line.startswith("["):
            section = line.strip("[]")
            namespace = "" if section == "root" else f"{section}:"
            continue
        words = line.split()
        if words[0] not in METHODS:
            name = namespace + words.pop(0)
        method, *cells = words
        assert method in METHODS, f"{name}: {method} is not a method"
        assert len(cells) == len(PERSONAS), f"{name} {method}: {len(cells)} cells"
        expected = {p: c if c == TO_LOGIN else int(c) for p, c in zip(PERSONAS, cells, strict=True)}
        rows.append(Row(name, method, expected))
    return rows


ROWS = parse(MATRIX)


def routes(patterns=None, prefix="", params=()):
    """(namespaced name, URL parameters, route) of every pattern, admin aside."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        pattern = entry.pattern
        names = (*params, *(getattr(pattern, "converters", None) or pattern.regex.groupindex))
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from routes(entry.url_patterns, namespace, names)
        elif isinstance(entry, URLPattern):
            route = str(pattern)
            served = (settings.STATIC_URL.lstrip("/"), settings.MEDIA_URL.lstrip("/"))
            if route.lstrip("^").startswith(served):
                continue
            yield (f"{prefix}{entry.name}" if entry.name else None), names, route


def param_source(row_name: str, param: str):
    for key in ((row_name, param), (row_name.split("@")[0], param), param):
        if key in PARAMS:
            return PARAMS[key]
    return None


def url_of(row: Row, world, route_params: dict) -> str:
    kwargs = {p: param_source(row.name, p)(world) for p in route_params[row.route]}
    return reverse(row.route, kwargs=kwargs)


def test_every_route_has_its_rows_in_the_table():
    found = list(routes())
    unnamed = [route for name, _params, route in found if name is None]
    assert not unnamed, f"routes without a name cannot be listed: {unnamed}"
    names = {name for name, _params, _route in found}
    listed = {(row.route, row.method) for row in ROWS}
    missing = sorted(
        f"{name} {method}" for name in names for method in METHODS if (name, method) not in listed
    )
    assert not missing, "routes missing from MATRIX (add their rows): " + ", ".join(missing)
    unknown = sorted({row.name for row in ROWS if row.route not in names})
    assert not unknown, f"MATRIX rows naming no route: {unknown}"
    counts = Counter((row.name, row.method) for row in ROWS)
    twice = sorted(f"{name} {method}" for (name, method), n in counts.items() if n > 1)
    assert not twice, f"rows written twice: {twice}"


def test_every_route_parameter_has_a_source_in_the_world():
    params = {name: p for name, p, _route in routes()}
    unfilled = sorted(
        f"{row.name}: {param}"
        for row in ROWS
        for param in params.get(row.route, ())
        if param_source(row.name, param) is None
    )
    assert not unfilled, f"parameters PARAMS does not fill: {unfilled}"


def test_post_data_names_only_listed_rows():
    posted = {row.name for row in ROWS if row.method == "POST"}
    assert set(POST_DATA) <= posted, set(POST_DATA) - posted


# --- the world and the personas ---------------------------------------------------


@pytest.fixture
def national_organiser(db):
    return make_council_member(Council.objects.get(level=Level.NATIONAL), organiser=True)


@pytest.fixture
def world(organiser, outsider, state_organiser, admin_user, amams, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the convocation act's PDF
    staff = {role: make_user(role) for role in ("checkin", "table", "rapporteur")}
    return route_world.build(
        organiser=organiser,
        outsider=outsider,
        state_organiser=state_organiser,
        admin=admin_user,
        association=amams,
        staff=staff,
    )


def _participant_client(registration, handler) -> Client:
    """A phone that opened the participant's page with the code and PIN."""
    client = Client()
    client.handler = handler
    response = client.post(
        reverse("participants:participant_login"),
        {"code": registration.code, "pin": registration.pin},
    )
    assert response.status_code == 302, "the participant could not open their page"
    return client


@pytest.fixture
def clients(
    world,
    organiser,
    outsider,
    state_member,
    state_organiser,
    national_member,
    national_organiser,
    association_member,
    admin_user,
):
    users = {
        "org": organiser,
        "chk": world.staff["checkin"],
        "mesa": world.staff["table"],
        "rap": world.staff["rapporteur"],
        "out": outsider,
        "ceas": state_member,
        "ce+": state_organiser,
        "cnas": national_member,
        "cn+": national_organiser,
        "asso": association_member,
        "adm": admin_user,
    }
    made = {persona: client_for(user) for persona, user in users.items()}
    made["anon"] = Client()
    # One handler for all: each loads the middleware once, whitenoise's scan of the
    # static files taking more than a second.
    handler = made["anon"].handler
    made["part"] = _participant_client(world.participant, handler)
    made["pt2"] = _participant_client(world.other_participant, handler)
    for client in made.values():
        client.handler = handler
        client.raise_request_exception = False  # a 500 is a cell of the report
    return made


@pytest.fixture
def fast_pdfs(monkeypatch):
    """WeasyPrint's layout takes seconds per document and has no say in who may
    download it: the PDFs' templates are still rendered, only the layout is skipped."""
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **k: b"%PDF-1.7\n")


@pytest.fixture
def inline_streams(monkeypatch):
    """The live stream reads the conference on a thread of its own (live.detached), which
    cannot see the test's uncommitted world: run it on the request's thread."""
    from asgiref.sync import sync_to_async

    from plenaria.voting import live

    monkeypatch.setattr(live, "detached", sync_to_async, raising=False)


@pytest.fixture
def quiet_refusals():
    """A thousand 403 and 404 are the table's business, not the log's (500s still log)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def ask(client: Client, method: str, url: str, data: dict):
    """One request whose writes are rolled back and whose cookies are not kept (a
    logout or a language change does not leak into the next row). Returns the
    response and the tables the request wrote to."""
    cookies = copy.deepcopy(client.cookies)
    cache.clear()  # attempt counters and rate limits start from zero for each cell
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = client.get(url) if method == "GET" else client.post(url, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, written_tables(queries.captured_queries)


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_tables(queries) -> list[str]:
    """Tables changed by the statements, but for the session's own row and a database
    cache (attempt counters), which any visit may touch."""
    ignored = {"django_session"} | {
        options.get("LOCATION")
        for options in settings.CACHES.values()
        if options.get("BACKEND", "").endswith("DatabaseCache")
    }
    found = (WRITE.match(query["sql"]) for query in queries)
    return sorted({m.group(1) for m in found if m and m.group(1) not in ignored})


REFUSED = {TO_LOGIN, 403, 404, 405}


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return TO_LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_pdfs", "inline_streams", "quiet_refusals")
def test_every_route_answers_every_persona_as_the_table_says(world, clients):
    """Each cell of MATRIX, and a refused request writes nothing."""
    params = {name: p for name, p, _route in routes()}
    mismatches, writes_seen = [], 0
    for row in ROWS:
        url = url_of(row, world, params)
        data = POST_DATA.get(row.name, lambda w: {})(world) if row.method == "POST" else None
        for persona in PERSONAS:
            response, written = ask(clients[persona], row.method, url, data)
            actual, expected = outcome(response), row.expected[persona]
            cell = f"{row.name} {row.method} {url} {persona}"
            if actual != expected:
                error = getattr(response, "exc_info", None)
                why = f" ({error[1]!r})" if error else ""
                mismatches.append(f"{cell}: expected {expected}, got {actual}{why}")
            if actual in REFUSED and written:
                mismatches.append(f"{cell}: refused ({actual}) but wrote {', '.join(written)}")
            writes_seen += bool(written)
    assert writes_seen, "no request wrote anything: written_tables no longer reads the SQL"
    assert not mismatches, f"{len(mismatches)} cells differ from MATRIX:\n" + "\n".join(mismatches)
