/* ui_text.c - Danish and English interface strings. */
#include "show/ui_text.h"

#include <stddef.h>

typedef struct UiPair {
    const char *da;
    const char *en;
} UiPair;

static const UiPair texts[UI_COUNT] = {
    [UI_PRESS_TO_START] = {"Tryk → for at starte", "Press → to start"},
    [UI_CONTENT_NOTE] = {"Inden vi starter", "Before we start"},
    [UI_VOTE_NOW] = {"Stem nu – ræk hånden op", "Vote now – raise your hand"},
    [UI_OPEN_VOTE_HINT] = {"Tryk V eller → for at åbne afstemningen",
                           "Press V or → to open the vote"},
    [UI_REVEAL_HINT] = {"Tryk V eller → for at vise resultatet", "Press V or → to show the result"},
    [UI_RESULT] = {"Resultat", "Result"},
    [UI_TIE] = {"Uafgjort – vælg med et tal", "Tie – pick with a digit"},
    [UI_PICKED] = {"Valgt", "Picked"},
    [UI_WINNER] = {"Flest stemmer", "Most votes"},
    [UI_SIGNAL_OK] = {"OK", "OK"},
    [UI_SIGNAL_WARNING] = {"Faresignal", "Warning sign"},
    [UI_SIGNAL_STALKING] = {"Stalking", "Stalking"},
    [UI_SIGNAL_QUESTION] = {"Er det OK, et faresignal eller stalking?",
                            "Is this OK, a warning sign, or stalking?"},
    [UI_HELP] = {"Hjælp", "Help"},
    [UI_REWIND] = {"Spol tilbage", "Rewind"},
    [UI_REPLAY_SCENE] = {"Afspil scenen forfra", "Replay this scene"},
    [UI_NO_DECISIONS] = {"Ingen valg endnu", "No decisions yet"},
    [UI_QUIT_CONFIRM] = {"Afslut? Tryk J for ja, Esc for nej", "Quit? Press Y for yes, Esc for no"},
    [UI_WHEN_STALKING] = {"Hvornår blev det stalking?", "When did it become stalking?"},
    [UI_KEY_ADVICE] = {"Gode råd", "Key advice"},
    [UI_SCENARIO_ERROR] = {"Fejl i scenariet", "Scenario error"},
    [UI_ERROR_BACK] = {"Tryk ← for at gå tilbage", "Press ← to go back"},
    [UI_JOIN_AT] = {"Tilmeld dig på", "Join at"},
    [UI_ROOM_CODE] = {"Rumkode", "Room code"},
    [UI_JOINED] = {"tilsluttet", "joined"},
    [UI_VOTES] = {"stemmer", "votes"},
    [UI_HANDS] = {"hænder", "hands"},
    [UI_PHONES] = {"telefoner", "phones"},
    [UI_PHONES_LABEL] = {"Telefoner", "Phones"},
    [UI_NOTES] = {"Noter til facilitator", "Facilitator notes"},
    [UI_SCENARIO_NOTES] = {"Om scenariet", "About the scenario"},
    [UI_NO_NOTES] = {"Ingen noter", "No notes"},
    [UI_IDEAS] = {"Idéer", "Ideas"},
    [UI_NO_IDEAS] = {"Ingen idéer endnu", "No ideas yet"},
    [UI_STOP] = {"Stop", "Stop"},
    [UI_DISCUSS] = {"Diskutér", "Discuss"},
    [UI_TIME_UP] = {"Tiden er gået", "Time is up"},
    [UI_EXPLORED] = {"prøvet", "tried"},
    [UI_USED] = {"allerede brugt", "already used"},
    [UI_UNAVAILABLE] = {"ikke muligt", "not possible"},
    [UI_PHONE_OF] = {"Telefon:", "Phone:"},
    [UI_NO_LAN] = {"Telefoner kan ikke tilslutte", "Phones cannot join"},
    [UI_KEYS_BEAT] = {"→ næste   ← tilbage   S stop   R spol tilbage   H hjælp   B sort skærm",
                      "→ next   ← back   S stop   R rewind   H help   B blank screen"},
    [UI_KEYS_CHOICE] = {"V åbn afstemning   1–9 vælg direkte   ← tilbage   H hjælp",
                        "V open vote   1–9 pick directly   ← back   H help"},
    [UI_KEYS_OPEN] = {"1–9 vælg svar   tast antal hænder   ↑↓ ±1   V vis resultat",
                      "1–9 pick option   type hand count   ↑↓ ±1   V show result"},
    [UI_KEYS_RESULT] = {"→ fortsæt   1–9 vælg et andet svar   ↑↓ ret antal",
                        "→ continue   1–9 pick another option   ↑↓ correct count"},
    [UI_KEYS_OVERLAY] = {"Esc lukker", "Esc closes"},
    [UI_KEYS_REWIND] = {"↑↓ vælg   → spol tilbage   Esc luk", "↑↓ select   → rewind   Esc close"},
    [UI_HOURS_OK] = {"Salen siger", "The room says"},
    [UI_THE_END] = {"Slut", "The end"},
    [UI_NO_SCENARIO] = {"Intet scenarie indlæst", "No scenario loaded"},
    [UI_KEYS_ENDING] = {"→ tidslinje   E: evaluering   ← tilbage   R spol tilbage   H hjælp   "
                        "B sort skærm",
                        "→ timeline   E: evaluation   ← back   R rewind   H help   B blank screen"},
    [UI_KEYS_TIMELINE] = {"← gode råd og hjælp   E: evaluering   R spol tilbage   B sort skærm",
                          "← advice and help   E: evaluation   R rewind   B blank screen"},
    [UI_TO_TIMELINE] = {"→ tidslinje", "→ timeline"},
    [UI_KEYS_IDEAS] = {"↑↓ vælg · Enter vis på skærmen · Backspace afvis · I luk",
                       "↑↓ select · Enter show on screen · Backspace dismiss · I close"},
    [UI_NO_SIGNALS] = {"Ingen afstemninger om signaler i denne gennemgang",
                       "No signal polls in this run"},
    [UI_VOTED] = {"stemt", "voted"},
    [UI_PENDING_IDEAS] = {"Nye idéer fra telefoner", "New ideas from phones"},
    [UI_MAP] = {"Historiens kort", "Story map"},
    [UI_MAP_SEEN] = {"set", "seen"},
    [UI_MAP_CURRENT] = {"her er vi", "we are here"},
    [UI_MAP_EXPLORED] = {"prøvet", "explored"},
    [UI_MAP_NOT_TAKEN] = {"ikke prøvet", "not taken"},
    [UI_MAP_LOOP] = {"går tilbage", "loops back"},
    [UI_MAP_ENDING] = {"slutning", "ending"},
    [UI_MAP_CHOICE] = {"valg", "choice"},
    [UI_MAP_SIGNAL] = {"signal", "signal"},
    [UI_MAP_IDEA] = {"idé", "idea"},
    [UI_MAP_DISCUSS] = {"diskussion", "discussion"},
    [UI_MAP_CHIPS] = {"VSID", "CSID"},
    [UI_KEYS_MAP] = {"M / Esc lukker", "M / Esc closes"},
    /* app */
    [UI_ANSWERS_UNSAVED] = {"svar venter i hukommelsen og prøves igen: databasen kan ikke skrives",
                            "answers are kept in memory and retried: the database cannot be written"},
};

const char *ui_text(int en, UiTextId id)
{
    const char *s = NULL;
    if ((int)id < 0 || id >= UI_COUNT)
        return "";
    s = en ? texts[id].en : texts[id].da;
    return s ? s : "";
}
