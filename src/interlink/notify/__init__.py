"""Optional delivery of the inbox by e-mail or webhook, off by default.

An agency that wants to hear of what waits for it without keeping the web interface open names
its recipients (`INTERLINK_NOTIFY_EMAIL`) or a webhook (`INTERLINK_NOTIFY_WEBHOOK`); `interlink
notify send` (once, e.g. from cron) or `interlink notify watch` (a loop) then delivers each new
item of the agency's inbox (`cooperation.inbox`) once, in the agency's language. Only what the
inbox says is sent: message codes rendered with ids the agency already holds and links back to
the web interface, never a record's content. Every delivery is written to the audit log.
"""

from interlink.notify.send import Destination, Outcome, destinations, pending, send, watch

__all__ = ["Destination", "Outcome", "destinations", "pending", "send", "watch"]
