"""Every write to dispatches, their recipients, replies, attachments and registers (split by
stage next)."""

from .drafting import *  # noqa: F403
