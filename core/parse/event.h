#pragma once

#include <cstdint>
#include <string_view>

namespace rejectscope {

// Who refused whom: inbound means this server refused a client, outbound means a
// remote server refused (or accepted) mail this server tried to deliver.
enum class Direction : std::uint8_t { Inbound = 0, Outbound = 1 };

// The kind of log line an Event was made from. Values are stored in the database.
enum class EventKind : std::uint8_t {
    Reject = 0,        // smtpd/postscreen/cleanup reject, milter-reject, proxy-reject
    RejectWarning = 1, // reject_warning: logged by warn_if_reject, nothing was refused
    Delivery = 2,      // "QID: to=<r>, relay=…, status=…" from smtp/lmtp/local/virtual/error/pipe
    QueueSender = 3,   // qmgr "QID: from=<s>, size=…, nrcpt=…": tells the sender of a queue id
    Expired = 4,       // qmgr "QID: from=<s>, status=expired, returned to sender"
    BounceNotice = 5,  // bounce "QID: sender non-delivery notification: QID2"
};

// How the refusing side answered, as logged. Values are stored in the database.
enum class RejectAction : std::uint8_t {
    None = 0,
    Reject = 1,
    RejectWarning = 2,
    MilterReject = 3,
    ProxyReject = 4,
};

// The SMTP stage a rejection happened at. Values are stored in the database.
enum class Stage : std::uint8_t {
    None = 0,
    Connect,
    Helo,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    EndOfMessage,
    Vrfy,
    Etrn,
    Unknown, // "UNKNOWN" stage some milters log, or a stage name we do not know
};

// The delivery agent's status= word. Values are stored in the database.
enum class DeliveryStatus : std::uint8_t {
    None = 0,
    Sent,
    Deferred,
    Bounced,
    Expired,      // qmgr status=expired / force-expired
    SoftBounce,   // status=SOFTBOUNCE: a 5xx softened by soft_bounce = yes
    Deliverable,  // address verification probes, not real deliveries
    Undeliverable,
    Other,
};

// One interesting log line, parsed. Every string_view points into the line buffer
// the parser was given and is only valid while that buffer lives: the importer
// stores the event before reading the next chunk.
struct Event {
    std::int64_t timeUtcMs = 0; // milliseconds since the Unix epoch, UTC

    // From the syslog prefix.
    std::string_view host;       // "mx"
    std::string_view syslogName; // "postfix", "postfix-out", "postfix/submission"
    std::string_view service;    // "smtpd", "smtp", "postscreen", "cleanup", "qmgr", …
    std::int64_t pid = 0;

    EventKind kind = EventKind::Reject;
    Direction direction = Direction::Inbound;
    std::string_view queueId; // empty for NOQUEUE

    // Rejections (inbound).
    RejectAction action = RejectAction::None;
    Stage stage = Stage::None;
    std::string_view clientName; // "unknown", "mail.example.com"; empty for postscreen
    std::string_view clientIp;   // "192.0.2.1", "2001:db8::1"
    std::string_view helo;
    std::string_view proto;

    // Both directions.
    std::string_view sender;    // envelope sender; "" for the null sender <>
    bool senderKnown = false;   // true when a from=<…> field was present (even if empty)
    std::string_view recipient; // envelope recipient
    std::string_view origRecipient;

    // The reply: for rejections the server's own reply, for deliveries the remote
    // server's reply quoted in the status text ("said: 450 4.1.1 …",
    // "refused to talk to me: 521 …"). replyCode is 0 when no three-digit code was
    // given (milters may log only "4.7.1 …"; connection failures have none).
    int replyCode = 0;
    std::string_view enhancedCode; // RFC 3463 "4.1.1"; may be empty
    std::string_view replyText;    // the reply after the codes, or the whole status text

    // Deliveries (outbound).
    DeliveryStatus status = DeliveryStatus::None;
    std::string_view relay;       // "mx.example.com[192.0.2.1]:25", "none", "local"
    double delaySeconds = -1.0;   // delay=; negative when absent
    std::string_view dsn;         // dsn= "4.1.1"
    std::string_view statusText;  // the text in parentheses after status=…
    std::string_view smtpCommand; // "RCPT TO", "end of DATA", "MAIL FROM" ("in reply to … command")
    bool greetingRefused = false; // "refused to talk to me": the reply was the server greeting

    // QueueSender / Expired / BounceNotice.
    std::int64_t size = -1;
    int nrcpt = -1;
    std::string_view noticeQueueId; // the new queue id of the non-delivery notification
};

} // namespace rejectscope
