/* ui_text.h - the interface strings of the projector, in Danish and English.
 *
 * Scenario texts come from the scenario; these are the engine's own words
 * (hints, labels, overlay titles).  Pure C.
 */
#ifndef APP_UI_TEXT_H
#define APP_UI_TEXT_H

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
    /* app */
    UI_ANSWERS_UNSAVED, /* after a count: svar venter i hukommelsen (the store cannot write) */
    UI_COUNT
} UiTextId;

/* The string for id in English (en != 0) or Danish.  Static storage; an
 * unknown id gives "". */
const char *ui_text(int en, UiTextId id);

#endif
