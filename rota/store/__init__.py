"""The store: published versions, drafts, runs, answers, accounts and the audit log,
in SQLite (the embedded default) or PostgreSQL (a shared deployment)."""

from .connect import ENV_URL as ENV_URL
from .connect import StoreError as StoreError
from .connect import default_url as default_url
from .connect import resolve_url as resolve_url
from .migrate import head_revision as head_revision
from .records import ROLES as ROLES
from .records import AccountInfo as AccountInfo
from .records import AuditInfo as AuditInfo
from .records import DraftInfo as DraftInfo
from .records import PublishConflict as PublishConflict
from .records import Role as Role
from .records import RunInfo as RunInfo
from .records import VersionInfo as VersionInfo
from .records import WeekRef as WeekRef
from .store import Store as Store
from .store import merge_agreements as merge_agreements
