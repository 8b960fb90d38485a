/* ui_text.h - the interface strings of the projector, in Danish and English.
 *
 * Scenario texts come from the scenario; these are the engine's own words
 * (hints, labels, overlay titles) for every screen: the projector, the
 * evaluation screens, the presenter's screen and the kiosk.  ONE table:
 * each part of the engine adds its ids in its own block before UI_COUNT.
 * A text with a number in it is split into pieces around the number (the
 * callers print "%s%d%s"), so no format string comes from the table.
 * Pure C.
 */
#ifndef SHOW_UI_TEXT_H
#define SHOW_UI_TEXT_H

typedef enum {
    UI_PRESS_TO_START,  /* Tryk → for at starte */
    UI_CONTENT_NOTE,    /* label above the content note */
    UI_VOTE_NOW,        /* Stem nu – ræk hånden op */
    UI_OPEN_VOTE_HINT,  /* Tryk V eller → for at åbne afstemningen */
    UI_REVEAL_HINT,     /* key hint while a vote is open */
    UI_RESULT,          /* Resultat */
    UI_TIE,             /* Uafgjort – vælg med et tal */
    UI_PICKED,          /* Valgt */
    UI_WINNER,          /* Flest stemmer */
    UI_SIGNAL_OK,
    UI_SIGNAL_WARNING,
    UI_SIGNAL_STALKING,
    UI_SIGNAL_QUESTION, /* OK, faresignal eller stalking? */
    UI_HELP,            /* Hjælp */
    UI_REWIND,          /* Spol tilbage */
    UI_REPLAY_SCENE,    /* Afspil scenen forfra */
    UI_NO_DECISIONS,    /* Ingen valg endnu */
    UI_QUIT_CONFIRM,    /* Afslut? Tryk J for ja, Esc for nej */
    UI_WHEN_STALKING,   /* Hvornår blev det stalking? */
    UI_KEY_ADVICE,      /* Gode råd */
    UI_SCENARIO_ERROR,  /* Fejl i scenariet */
    UI_ERROR_BACK,      /* Tryk ← for at gå tilbage */
    UI_JOIN_AT,         /* Tilmeld dig på */
    UI_ROOM_CODE,       /* Rumkode */
    UI_JOINED,          /* tilsluttet */
    UI_VOTES,           /* stemmer */
    UI_HANDS,           /* hænder */
    UI_PHONES,          /* telefoner */
    UI_PHONES_LABEL,    /* Telefoner (at the start of a line) */
    UI_NOTES,           /* Noter til facilitator */
    UI_SCENARIO_NOTES,  /* Om scenariet */
    UI_NO_NOTES,        /* Ingen noter */
    UI_IDEAS,           /* Idéer */
    UI_NO_IDEAS,        /* Ingen idéer endnu */
    UI_STOP,            /* Stop */
    UI_DISCUSS,         /* Diskutér */
    UI_TIME_UP,         /* Tiden er gået */
    UI_EXPLORED,        /* prøvet */
    UI_USED,            /* allerede brugt */
    UI_UNAVAILABLE,     /* ikke muligt */
    UI_PHONE_OF,        /* "%s's phone" pattern prefix/suffix handled in views */
    UI_NO_LAN,          /* Ingen netværksforbindelse til telefoner */
    UI_KEYS_BEAT,       /* key hints on a beat */
    UI_KEYS_CHOICE,     /* key hints at a choice before voting */
    UI_KEYS_OPEN,       /* key hints while a vote is open */
    UI_KEYS_RESULT,     /* key hints after the reveal */
    UI_KEYS_OVERLAY,    /* Esc lukker */
    UI_KEYS_REWIND,     /* ↑↓ vælg · → spol tilbage · Esc luk */
    UI_HOURS_OK,        /* word for "result" of a signal: Salen siger */
    UI_THE_END,         /* Slut */
    UI_NO_SCENARIO,     /* Intet scenarie indlæst */
    UI_KEYS_ENDING,     /* key hints on the ending's first page (E: evaluering) */
    UI_KEYS_TIMELINE,   /* key hints on the ending's timeline page */
    UI_TO_TIMELINE,     /* → tidslinje */
    UI_KEYS_IDEAS,      /* ↑↓ vælg · Enter vis på skærmen · Backspace afvis · I luk */
    UI_NO_SIGNALS,      /* Ingen afstemninger om signaler */
    UI_VOTED,           /* stemt */
    UI_PENDING_IDEAS,   /* Nye idéer fra telefoner */
    UI_MAP,             /* Historiens kort (the story map overlay's title) */
    UI_MAP_SEEN,        /* set (legend: a beat seen in this event) */
    UI_MAP_CURRENT,     /* her er vi (legend: the current beat) */
    UI_MAP_EXPLORED,    /* prøvet (legend: a branch taken) */
    UI_MAP_NOT_TAKEN,   /* ikke prøvet (legend: a branch not taken) */
    UI_MAP_LOOP,        /* går tilbage (legend: a branch back to an earlier beat) */
    UI_MAP_ENDING,      /* slutning (legend: an ending beat) */
    UI_MAP_CHOICE,      /* valg (legend of the interaction chips) */
    UI_MAP_SIGNAL,      /* signal */
    UI_MAP_IDEA,        /* idé */
    UI_MAP_DISCUSS,     /* diskussion */
    UI_MAP_CHIPS,       /* the chips' letters in the order choice, signal, idea, discuss: "VSID" */
    UI_KEYS_MAP,        /* M / Esc lukker */

    /* ---- the evaluation screens (views_eval.c) ---- */
    UI_EVAL_TITLE,
    UI_EVAL_SCAN,
    UI_EVAL_ANSWER_HERE,
    UI_EVAL_RECEIVED_ONE,
    UI_EVAL_RECEIVED,
    UI_EVAL_KIOSK_HINT,
    UI_EVAL_NO_LAN,
    UI_EVAL_OR_GO_TO,
    UI_EVAL_ROOM,
    UI_EVAL_KEYS_EVAL,
    UI_EVAL_CHOOSE_ONE,
    UI_EVAL_CHOOSE_ANY,
    UI_EVAL_OPTIONAL,
    UI_EVAL_TYPE_HERE,
    UI_EVAL_CHARS,
    UI_EVAL_NEXT,
    UI_EVAL_BACK,
    UI_EVAL_SEND,
    UI_EVAL_REVIEW_TITLE,
    UI_EVAL_REVIEW_HINT,
    UI_EVAL_SAVING,
    UI_EVAL_THANKS,
    UI_EVAL_THANKS_SUB,
    UI_EVAL_FAILED,
    UI_EVAL_RETRY,
    UI_EVAL_RETRY_HINT,
    UI_EVAL_KEYS_KIOSK,
    UI_EVAL_KEYS_TEXT,
    UI_EVAL_NO_KIOSK,
    UI_EVAL_RESULTS,
    UI_EVAL_RESPONDENTS,
    UI_EVAL_NO_RESULTS,
    UI_EVAL_TOO_FEW,
    UI_EVAL_RESULTS_NOTE,
    UI_EVAL_ANSWERED_PRE,  /* "Du har svaret på " N " af " M " spørgsmål." */
    UI_EVAL_ANSWERED_MID,
    UI_EVAL_ANSWERED_POST,

    /* ---- the presenter's screen (views_presenter.c) ---- */
    UI_PRES_NOW,
    UI_PRES_NEXT,
    UI_PRES_NOTES,
    UI_PRES_SC_NOTES,
    UI_PRES_NO_NOTES,
    UI_PRES_IDEAS,
    UI_PRES_NO_IDEAS,
    UI_PRES_IDEA_KEYS,
    UI_PRES_FLAGGED,
    UI_PRES_SCR_WELCOME,
    UI_PRES_SCR_SCENE,
    UI_PRES_SCR_VOTE,
    UI_PRES_SCR_ENDING,
    UI_PRES_SCR_ERROR,
    UI_PRES_SCR_EVAL,
    UI_PRES_SCR_KIOSK,
    UI_PRES_SCR_RESULTS,
    UI_PRES_OV_BLANK,
    UI_PRES_BLANK_NOW,
    UI_PRES_OV_QUIT,
    UI_PRES_OV_HELP,
    UI_PRES_OV_REWIND,
    UI_PRES_OV_NOTES,
    UI_PRES_OV_STOP,
    UI_PRES_OV_IDEAS,
    UI_PRES_OV_MAP,
    UI_PRES_POLL_READY,
    UI_PRES_POLL_OPEN,
    UI_PRES_POLL_CLOSED,
    UI_PRES_POLL_REVEALED,
    UI_PRES_NOT_OPEN,
    UI_PRES_JOINED,
    UI_PRES_VOTED,
    UI_PRES_HANDS,
    UI_PRES_PHONES,
    UI_PRES_TOTAL,
    UI_PRES_USED,
    UI_PRES_EXPLORED,
    UI_PRES_WINNER,
    UI_PRES_TIE,
    UI_PRES_PICKED,
    UI_PRES_THEN_BEAT,
    UI_PRES_THEN_END,
    UI_PRES_THEN_CHOICE,
    UI_PRES_THEN_SIGNAL,
    UI_PRES_THEN_IDEA,
    UI_PRES_THEN_DISCUSS,
    UI_PRES_MORE,
    UI_PRES_NO_STEP,
    UI_PRES_WELCOME_NOW,
    UI_PRES_ENDING_PAGE0,
    UI_PRES_ENDING_PAGE1,
    UI_PRES_EVAL_NOW,
    UI_PRES_EVAL_KEYS,
    UI_PRES_APPROVED,
    UI_PRES_TIMER,
    UI_PRES_NO_SCENARIO,
    UI_PRES_ERROR_BACK,

    /* ---- the ending timeline's pass marks and the rewind menu's typed number ---- */
    UI_PASS_ORD_1,           /* ordinal suffix after 1, 21, ..: "." / "st" */
    UI_PASS_ORD_2,
    UI_PASS_ORD_3,
    UI_PASS_ORD_N,           /* after every other number: "." / "th" */
    UI_PASS_TIME,            /* N + ordinal + " gang" / " time" */
    UI_PASS_LEGEND,          /* after "↺2 = 2. gang": ", efter spol tilbage" */
    UI_KEYS_REWIND_MANY,     /* the rewind menu's keys when entries 10+ exist */
    UI_REWIND_TYPED_1,       /* "Nr. " N "… tast et ciffer mere, Enter vælger " N */
    UI_REWIND_TYPED_2,
    UI_REWIND_NO_ENTRY,      /* "Der er intet nr. " N " – tast igen" */
    UI_REWIND_NO_ENTRY_2,

    /* ---- the kiosk (show/kiosk.c) ---- */
    UI_KIOSK_CHOOSE,
    UI_KIOSK_NOT_SAVED,
    UI_KIOSK_LEAVE,
    UI_KIOSK_QUIT_FIRST,

    /* ---- the quit overlay's warning: PRE N POST ---- */
    UI_QUIT_UNSAVED_PRE,
    UI_QUIT_UNSAVED_POST,

    /* ---- poll counting: hands, phones, both; the poll's key hint and questions
     * (show_poll.c builds the hint from the same state the keys use) ---- */
    UI_VOTE_PHONES,          /* the chip while phones alone vote */
    UI_VOTE_BOTH,            /* the chip while hands and phones vote */
    UI_POLL_COUNT_HANDS,
    UI_POLL_COUNT_PHONES,
    UI_POLL_COUNT_BOTH,
    UI_POLL_KEY_OPEN,        /* V open the vote */
    UI_POLL_KEY_OPEN_BOTH,   /* V / → open the vote */
    UI_POLL_KEY_PICK,        /* "1–" N " pick directly" (the range is the options') */
    UI_POLL_KEY_PICK_OTHER,
    UI_POLL_KEY_PICK_NOW,
    UI_POLL_KEY_GO,          /* "→ continue with option " N */
    UI_POLL_KEY_CLOSE_NEXT,  /* → close (the stop poll without a result) */
    UI_POLL_KEY_TYPE,        /* "0–9 hands for option " N */
    UI_POLL_KEY_DELETE,
    UI_POLL_KEY_NEXT_FIELD,
    UI_POLL_KEY_LAST_FIELD,
    UI_POLL_KEY_PREV_FIELD,
    UI_POLL_KEY_FIELDS,
    UI_POLL_KEY_CORRECT,
    UI_POLL_KEY_DONE,
    UI_POLL_KEY_CANCEL_VOTE,
    UI_POLL_KEY_REVEAL,
    UI_POLL_KEY_REVEAL_BOTH,
    UI_POLL_KEY_COUNT,       /* "C count: " + UI_POLL_COUNT_* */
    UI_POLL_KEY_BACK,
    UI_POLL_KEY_CLOSE,
    UI_POLL_KEY_YES,
    UI_POLL_KEY_NO,
    UI_ASK_BIG_1,            /* N " hands for option " K " – more than the room (" L "). Right?" */
    UI_ASK_BIG_2,
    UI_ASK_BIG_3,
    UI_ASK_EMPTY,
    UI_ASK_UNCOUNTED_1,      /* "The hands for option " K " are not counted. ..." */
    UI_ASK_UNCOUNTED_2,
    UI_NO_VOTES_PICK,        /* status line after revealing a vote nobody voted in */
    UI_NOT_COUNTED,          /* a hand field not counted yet: "–" */
    /* ---- private content: notes, idea moderation, the presenter's notes ---- */
    UI_PRIV_ROOM_SEES,      /* Salen kan se dette */
    UI_PRIV_WARN_NOTES,     /* the notes hold the expected answers: N again or J shows them */
    UI_PRIV_WARN_IDEAS,     /* the ideas are not moderated: I again or J shows the texts */
    UI_PRIV_WAITING,        /* "Idéer der venter: " N */
    UI_PRIV_FLAGGED,        /* "Markeret af ordlisten: " N */
    UI_PRIV_SHOWN,          /* På lærredet (the shown ideas' part of the list) */
    UI_PRIV_FLAG_HIDDEN,    /* a flagged idea's text, hidden on the projector */
    UI_PRIV_FLAG_CONFIRM,   /* flagged: Enter again shows it anyway, Backspace dismisses */
    UI_PRIV_KEYS_IDEAS,     /* ↑↓ vælg · Enter vis · Backspace afvis / tag ned · I luk */
    UI_PRIV_ONLY_HERE,      /* (kun her) after a presenter chip: the room does not see it */
    UI_PRIV_SCROLL,         /* [ ] ruller */
    UI_PRIV_MORE_BELOW,     /* ↓ mere: ] */
    UI_PRIV_SCENARIO_ONCE,  /* the scenario overview's place: on the welcome screen */
    /* ---- the presenter's key line (show_view.c: only keys that work now) ---- */
    UI_KEY_NEXT,            /* → næste */
    UI_KEY_START,           /* → start (the welcome screen) */
    UI_KEY_TO_ADVICE,       /* ← gode råd (the ending's timeline page) */
    UI_KEY_STOP,            /* S stop */
    UI_KEY_REWIND,          /* R spol */
    UI_KEY_MAP,             /* M kort */
    UI_KEY_HELP,            /* H hjælp */
    UI_KEY_HELP_CLOSE,      /* H luk hjælpen (the help card is up) */
    UI_KEY_BLANK,           /* B sort */
    UI_KEY_UNBLANK,         /* B vis skærmen igen (the screen is blank) */
    UI_KEY_NOTES,           /* N noter */
    UI_KEY_IDEAS,           /* I idéer */
    UI_KEY_EVAL,            /* E evaluering */
    UI_KEY_QUIT,            /* Ctrl+Q afslut */
    UI_KEYS_IDEA,           /* the projector's keys at an idea prompt (I listed) */
    UI_KEY_REWIND_GO,       /* → spol tilbage (the rewind menu with one entry) */

    /* app */
    UI_ANSWERS_UNSAVED, /* after a count: svar venter i hukommelsen (the store cannot write) */

    /* ---- saving and resuming, problems for the facilitator (show_save.c, app) ---- */
    UI_RESUME_YES,        /* J: Fortsæt hvor I slap */
    UI_RESUME_NO,         /* Esc: Start forfra */
    UI_RESUME_CHANGED_1,  /* "Scenariet er ændret siden sidst: fortsætter ved " BEAT " ..." */
    UI_RESUME_CHANGED_2,
    UI_RESUME_GONE_1,     /* "Scenariet er ændret: scenen " BEAT " findes ikke mere ..." */
    UI_RESUME_GONE_2,
    UI_SAVE_FAILED,       /* Forestillingen kan ikke gemmes: (then the reason) */
    UI_PORT_BUSY_1,       /* "Port " N " er optaget ... telefonerne er slået fra ..." */
    UI_PORT_BUSY_2,
    UI_PHONES_OFF,        /* Telefonerne er slået fra: (then the reason) */
    UI_DB_PROBLEM,        /* Evalueringsdatabasen kan ikke bruges: (then the reason) */
    UI_DB_OTHER,          /* Vælg en anden fil med --db FIL */
    UI_ADDRESS_NOT_HERE_1, /* "Adressen " IP " findes ikke på denne computer ..." */
    UI_ADDRESS_NOT_HERE_2,
    UI_SAVED_TERM,        /* Afsluttet af systemet – forestillingen er gemt */
    /* the before/after statements and the labels form (show_measure.c) */
    UI_MEASURE_BEFORE,       /* chip: Før stykket */
    UI_MEASURE_AFTER,        /* chip: Efter stykket */
    UI_MEASURE_STATEMENT,    /* "Udsagn " K " af " N */
    UI_MEASURE_OF,
    UI_MEASURE_BEFORE_SHORT, /* the summary's bar label: Før */
    UI_MEASURE_AFTER_SHORT,  /* Efter */
    UI_POLL_KEY_NEXT_STATEMENT, /* → næste udsagn */
    UI_POLL_KEY_LAST_STATEMENT, /* → færdig (the round's last statement) */
    UI_POLL_KEY_SKIP_STATEMENTS, /* S spring resten over */
    UI_MEASURE_TITLE,        /* the summary's title */
    UI_MEASURE_NOT_ASKED,    /* a statement not asked in a round */
    UI_MEASURE_KEYS,         /* the summary's key hint with an evaluation */
    UI_MEASURE_KEYS_NO_EVAL, /* ... without one */
    UI_LABELS_TITLE,         /* the labels form's title */
    UI_LABEL_SCHOOL,
    UI_LABEL_GRADE,
    UI_LABEL_MUNICIPALITY,
    UI_LABELS_KEYS,          /* the form's key hint */
    UI_LABELS_NOTE,          /* what the labels are for */
    UI_POLL_ALL_COUNTED,     /* a digit with every option counted and no field marked */
    UI_KEY_RESUME,           /* the welcome screen's keys while a saved event is offered */
    UI_KEY_ENDING_ON,        /* after the ending's "E " or "→ / E ": the statements, then the evaluation */
    UI_KEY_ENDING_STATEMENTS, /* ... the statements (no evaluation) */
    UI_KEY_ENDING_EVAL,      /* ... the evaluation (no statements) */
    UI_ERROR_NO_BACK,        /* the error slide when the scenario did not load */
    UI_PRES_SCR_IDEAS,       /* the presenter's badge at an idea prompt */
    UI_PRES_SCR_DISCUSS,     /* ... at a discussion */
    UI_COUNT
} UiTextId;

/* The string for id in English (en != 0) or Danish.  Static storage; an
 * unknown id gives "". */
const char *ui_text(int en, UiTextId id);

#endif
