"""Every rule id the validator can report, with what it means and how to fix it.

One source for the contributor guide's error reference; a test makes sure that every rule id used
in the code is listed here and that every listed rule has a failing fixture.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    group: str
    meaning: str
    fix: str
    warning: bool = False


_GROUPS = {
    "file": "Datei",
    "frontmatter": "Front Matter",
    "yaml": "YAML",
    "field": "Felder",
    "vocabulary": "Vokabular",
    "related": "Verweise",
    "id": "Kennungen",
    "body": "Haupttext",
    "personal": "Persönliche Daten",
    "review": "Prüfung",
    "date": "Daten",
    "event": "Veranstaltungen",
    "build": "Seitenbau",
}

RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "file-name",
        "file",
        "Der Dateiname ist nicht erlaubt oder reserviert.",
        "Nur Kleinbuchstaben a–z, Ziffern und Bindestriche, Endung `.md`; nicht `index` oder "
        "`seite-2`.",
    ),
    RuleInfo(
        "file-folder",
        "file",
        "Im Eintragsordner liegt ein Unterordner.",
        "Einträge direkt in `practices/`, `content/recommendations/` oder "
        "`content/trainings/` ablegen.",
    ),
    RuleInfo(
        "map-geometry",
        "file",
        "Die Karte der Länder (`content/karte/bundeslaender.json`) ist kaputt oder unvollständig.",
        "Die Datei aus der Versionsverwaltung wiederherstellen oder mit `praxis.map_geometry` neu "
        "erzeugen.",
    ),
    RuleInfo(
        "file-place",
        "file",
        "Ein Eintrag oder Vokabular liegt, wo nichts ihn liest (etwa `content/empfehlungen/`).",
        "Die Datei in den richtigen Ordner verschieben; Vokabulare enden auf `.yml`.",
    ),
    RuleInfo(
        "file-symlink",
        "file",
        "Die Datei ist ein symbolischer Link.",
        "Den Eintrag als echte Datei anlegen.",
    ),
    RuleInfo(
        "file-size",
        "file",
        "Die Datei ist größer als 1 MB.",
        "Text kürzen; lange Dokumente unter `resources` verlinken.",
    ),
    RuleInfo("file-read", "file", "Die Datei kann nicht gelesen werden.", "Dateirechte prüfen."),
    RuleInfo(
        "file-encoding",
        "file",
        "Die Datei ist nicht in UTF-8 gespeichert.",
        "Im Editor mit der Kodierung „UTF-8“ speichern.",
    ),
    RuleInfo(
        "file-characters",
        "file",
        "Unsichtbare Steuerzeichen oder Richtungsumkehrungen.",
        "Das Zeichen löschen (oft beim Kopieren aus Word oder PDF entstanden).",
    ),
    RuleInfo(
        "frontmatter-start",
        "frontmatter",
        "Die Datei beginnt nicht mit `---`.",
        "In die erste Zeile `---` schreiben, darunter die Felder, danach wieder `---`.",
    ),
    RuleInfo(
        "frontmatter-end",
        "frontmatter",
        "Der Front Matter wird nicht mit `---` geschlossen.",
        "Nach dem letzten Feld eine Zeile `---` einfügen.",
    ),
    RuleInfo(
        "frontmatter-empty",
        "frontmatter",
        "Der Front Matter ist leer.",
        "Die Pflichtfelder eintragen (Vorlage: `praxis new`).",
    ),
    RuleInfo(
        "frontmatter-mapping",
        "frontmatter",
        "Der Front Matter besteht nicht aus Feldern.",
        "Jede Zeile in der Form `name: wert` schreiben.",
    ),
    RuleInfo(
        "yaml-syntax",
        "yaml",
        "Der Front Matter ist kein gültiges YAML.",
        "Einrückung (Leerzeichen, keine Tabulatoren), Doppelpunkte und Anführungszeichen "
        "prüfen; Texte mit `:` in Anführungszeichen setzen.",
    ),
    RuleInfo(
        "yaml-duplicate-key", "yaml", "Ein Feld steht doppelt.", "Eine der beiden Zeilen löschen."
    ),
    RuleInfo(
        "yaml-anchor",
        "yaml",
        "YAML-Anker (`&name`) sind nicht erlaubt.",
        "Wert ausschreiben; Text mit `&` am Anfang in Anführungszeichen setzen.",
    ),
    RuleInfo(
        "yaml-alias",
        "yaml",
        "YAML-Verweise (`*name`) sind nicht erlaubt.",
        "Wert ausschreiben; Text mit `*` am Anfang in Anführungszeichen setzen.",
    ),
    RuleInfo(
        "yaml-tag",
        "yaml",
        "YAML-Typangaben (`!!str`, `!tag`) sind nicht erlaubt.",
        "Die Angabe mit `!` entfernen.",
    ),
    RuleInfo(
        "yaml-key",
        "yaml",
        "Ein Feldname ist eine Liste oder ein Objekt.",
        "Feldnamen als einfache Wörter schreiben.",
    ),
    RuleInfo(
        "yaml-merge",
        "yaml",
        "Zusammenführungen (`<<`) sind nicht erlaubt.",
        "Die Felder einzeln ausschreiben.",
    ),
    RuleInfo(
        "field-required",
        "field",
        "Ein Pflichtfeld fehlt oder ist eine leere Liste.",
        "Das Feld ergänzen; die Vorlage (`praxis new`) enthält alle Felder.",
    ),
    RuleInfo(
        "field-unknown",
        "field",
        "Das Feld gibt es nicht (oder nicht bei dieser Inhaltsart).",
        "Schreibweise prüfen (die Meldung nennt den nächstliegenden Namen) oder das Feld "
        "entfernen.",
    ),
    RuleInfo(
        "field-type",
        "field",
        "Der Wert hat die falsche Form (z. B. Text statt Liste).",
        "Die Form aus der Meldung übernehmen, etwa `topics: [hassrede]`.",
    ),
    RuleInfo(
        "field-empty",
        "field",
        "Ein Feld ist leer, enthält nur unsichtbare Zeichen oder steht auf `null`.",
        "Einen Wert eintragen oder die Zeile löschen.",
    ),
    RuleInfo(
        "field-characters",
        "field",
        "Ein Wert in Anführungszeichen enthält über eine `\\`-Folge (etwa `\\u202E`, `\\0`, "
        "`\\e`) ein unsichtbares Steuerzeichen.",
        "Die `\\`-Folge löschen.",
    ),
    RuleInfo(
        "field-date",
        "field",
        "Kein Datum der Form JJJJ-MM-TT oder ein Datum, das es nicht gibt.",
        "Etwa `2025-03-14` schreiben.",
    ),
    RuleInfo(
        "field-length",
        "field",
        "Der Text ist zu lang.",
        "Kürzen; die Meldung nennt, um wie viele Zeichen.",
    ),
    RuleInfo(
        "field-html", "field", "HTML in einem Textfeld.", "Reinen Text ohne `<` und `>` schreiben."
    ),
    RuleInfo(
        "field-plain-text",
        "field",
        "Markdown-Links in der Kurzbeschreibung.",
        "Links in den Haupttext oder unter `resources` schreiben.",
    ),
    RuleInfo(
        "field-url",
        "field",
        "Die Webadresse ist ungültig oder hat ein unerlaubtes Schema.",
        "Nur `https://`, `http://` oder `mailto:` verwenden.",
    ),
    RuleInfo(
        "field-email",
        "field",
        "Die E-Mail-Adresse ist ungültig.",
        "In der Form `name@stelle.de` schreiben.",
    ),
    RuleInfo(
        "field-phone",
        "field",
        "Die Telefonnummer ist ungültig.",
        "Ziffern mit Vorwahl, etwa `+49 30 1234567`.",
    ),
    RuleInfo(
        "field-duplicate-value",
        "field",
        "Ein Wert steht doppelt in einer Liste.",
        "Die Wiederholung löschen.",
    ),
    RuleInfo(
        "vocabulary-term",
        "vocabulary",
        "Der Begriff steht nicht im Vokabular.",
        "Eine erlaubte Kennung verwenden (die Meldung schlägt die nächstliegende vor).",
    ),
    RuleInfo(
        "vocabulary-missing",
        "vocabulary",
        "Ein Vokabular fehlt.",
        "Die Datei in `content/vocabularies/` wiederherstellen.",
    ),
    RuleInfo(
        "vocabulary",
        "vocabulary",
        "Eine Vokabulardatei ist fehlerhaft.",
        "Jeder Begriff braucht `id`, `label` und `description`; Kennungen eindeutig.",
    ),
    RuleInfo(
        "related-format",
        "related",
        "Ein Verweis ist keine Eintrags-Kennung.",
        "Den Dateinamen ohne `.md` eintragen.",
    ),
    RuleInfo(
        "related-target",
        "related",
        "Der verwiesene Eintrag fehlt, ist ein Entwurf oder der Eintrag selbst.",
        "Schreibweise prüfen oder den Verweis entfernen.",
    ),
    RuleInfo(
        "visibility-link",
        "related",
        "Ein öffentlicher Eintrag verweist auf einen internen Eintrag.",
        "Den Verweis entfernen oder auch diesen Eintrag auf `visibility: intern` setzen.",
    ),
    RuleInfo(
        "id-unique",
        "id",
        "Die Kennung (Dateiname) gibt es mehrfach.",
        "Eine Datei umbenennen; Kennungen gelten über alle Inhaltsarten.",
    ),
    RuleInfo(
        "body-empty",
        "body",
        "Der Haupttext fehlt.",
        "Unter dem Front Matter den Eintrag beschreiben.",
    ),
    RuleInfo(
        "body-html",
        "body",
        "HTML im Haupttext.",
        "Markdown verwenden: **fett**, [Linktext](https://…), Listen, Tabellen, `!!! note`.",
    ),
    RuleInfo(
        "body-template-hint",
        "body",
        "Ein Hinweis aus der Vorlage (`<!-- Hinweis: … -->`) steht noch im Text.",
        "Den Abschnitt schreiben oder samt Überschrift löschen.",
    ),
    RuleInfo(
        "body-attributes",
        "body",
        "Geschweifte Klammern, die als Attributliste gelesen würden (Klassen, `onclick=…`, "
        "Wörter), oder ein ungültiger oder reservierter Anker.",
        "Nur Anker am Ende einer Überschrift verwenden: `## Titel {#anker}` (Buchstaben, "
        "Ziffern, `-`, `_`); Klammern als Text mit `\\{` schreiben.",
    ),
    RuleInfo(
        "body-note",
        "body",
        "Ein Hinweiskasten mit einer Art, die keine erlaubte Klasse ergibt.",
        "Eine Art in Kleinbuchstaben wählen, etwa `!!! note`, `!!! tip` oder `!!! warning`.",
    ),
    RuleInfo(
        "body-nesting",
        "body",
        "Listen, Zitate oder Hinweiskästen sind tiefer als zehn Ebenen verschachtelt.",
        "Weniger tief einrücken oder den Inhalt in Abschnitte mit Überschriften teilen.",
    ),
    RuleInfo(
        "body-block",
        "body",
        "Ein Absatz ist länger als 5.000 Zeichen oder lässt viele Klammern, Backticks oder "
        "Sternchen offen; Python-Markdown bräuchte dafür sehr lange.",
        "Den Absatz mit Leerzeilen teilen; Klammern schließen oder mit `\\` schreiben.",
    ),
    RuleInfo(
        "body-reference",
        "body",
        "Ein Verweis (`[name]: https://…`) oder eine Fußnote ist doppelt definiert, oder ein "
        "Verweis wird nirgends verwendet (Warnung).",
        "Eine der beiden Definitionen löschen; einen unbenutzten Verweis verlinken oder löschen.",
    ),
    RuleInfo(
        "body-markup",
        "body",
        "Der fertig umgewandelte Haupttext enthält etwas, das Einträge nicht enthalten dürfen "
        "(ein Bild, ein unerlaubter Link über eine Referenz, HTML, ein Attribut).",
        "Die genannte Stelle in einfaches Markdown umschreiben: Links mit vollständiger "
        "Adresse, keine Bilder, kein HTML.",
    ),
    RuleInfo(
        "body-link-scheme",
        "body",
        "Ein Link mit unerlaubtem Schema (z. B. `javascript:`) oder ein relativer Link.",
        "Nur vollständige Adressen mit `https://`, `http://` oder `mailto:` und Anker auf "
        "derselben Seite (`#ziele`) verwenden; andere Einträge über `related` verknüpfen.",
    ),
    RuleInfo(
        "body-image-alt",
        "body",
        "Ein Bild ohne Alternativtext.",
        "In `![…](…)` beschreiben, was das Bild zeigt.",
    ),
    RuleInfo(
        "body-image-external",
        "body",
        "Ein Bild von einer fremden Webseite.",
        "Bilder nicht von fremden Servern einbinden; sie würden beim Lesen nachgeladen.",
    ),
    RuleInfo(
        "body-link-text",
        "body",
        "Ein Linktext wie „hier“ oder eine nackte Webadresse.",
        "Das Ziel in Worten nennen: [Leitfaden Clearingverfahren](https://…).",
    ),
    RuleInfo(
        "body-heading",
        "body",
        "Überschrift auf Ebene 1 oder mit übersprungener Ebene.",
        "Mit `##` beginnen und keine Ebene auslassen.",
    ),
    RuleInfo(
        "personal-email",
        "personal",
        "Private E-Mail-Adresse (gmail, gmx, web.de …).",
        "Ein dienstliches Funktionspostfach nennen oder die Einwilligung dokumentieren.",
    ),
    RuleInfo(
        "personal-phone",
        "personal",
        "Mobilfunknummer.",
        "Eine dienstliche Festnetznummer nennen oder die Einwilligung dokumentieren.",
    ),
    RuleInfo(
        "personal-address",
        "personal",
        "Wohnadresse einer Person.",
        "Nur Adressen von Einrichtungen nennen (Einrichtung in derselben Zeile) oder die "
        "Einwilligung dokumentieren.",
    ),
    RuleInfo(
        "personal-name",
        "personal",
        "Eine Ansprechperson ist namentlich genannt: in einem öffentlichen Eintrag oder ohne "
        "dokumentierte Einwilligung.",
        "Öffentlich die Stelle nennen; intern `consent: true` und `consent_date` ergänzen.",
    ),
    RuleInfo(
        "personal-consent",
        "personal",
        "`consent: true` ohne Datum.",
        "`consent_date: JJJJ-MM-TT` ergänzen.",
    ),
    RuleInfo(
        "review-due",
        "review",
        "Die letzte Prüfung liegt länger als die Frist zurück.",
        "Eintrag prüfen und `reviewed` auf das heutige Datum setzen.",
        warning=True,
    ),
    RuleInfo(
        "valid-until",
        "review",
        "Ein Gesuch oder Angebot ist abgelaufen (`valid_until`).",
        "Den Eintrag löschen oder `valid_until` verlängern.",
        warning=True,
    ),
    RuleInfo("date-future", "date", "Ein Datum liegt in der Zukunft.", "Das Datum korrigieren."),
    RuleInfo(
        "period-order",
        "date",
        "Der Zeitraum (`period`) endet vor seinem Beginn.",
        "`period.start` und `period.end` prüfen.",
    ),
    RuleInfo(
        "date-order",
        "date",
        "Das Prüfdatum (`reviewed`) liegt vor dem Veröffentlichungsdatum (`published`).",
        "Beide Daten prüfen; `reviewed` ist der Tag der letzten Prüfung.",
        warning=True,
    ),
    RuleInfo(
        "field-datetime",
        "field",
        "Ein Zeitpunkt hat nicht die Form JJJJ-MM-TT oder JJJJ-MM-TT HH:MM, oder es gibt ihn "
        "nicht.",
        "Schreiben Sie `2027-03-18` (ganzer Tag) oder `2027-03-18 09:30` (deutsche Zeit).",
    ),
    RuleInfo(
        "reference-unknown",
        "related",
        "Ein Feld, das einen anderen Eintrag nennt (`municipality.profile`, `network`), nennt "
        "keinen vorhandenen Eintrag der passenden Art.",
        "Die Kennung (Dateiname ohne `.md`) aus dem genannten Ordner eintragen oder das Feld "
        "weglassen.",
    ),
    RuleInfo(
        "reference-draft",
        "related",
        "Ein veröffentlichter Eintrag nennt in `municipality.profile` oder `network` einen "
        "Entwurf.",
        "Das Feld weglassen, bis der genannte Eintrag veröffentlicht ist.",
    ),
    RuleInfo(
        "municipality-profile-twice",
        "related",
        "Für dieselbe Kommune (Name, Land, Art) gibt es zwei Kommunenprofile.",
        "Die beiden Profile zu einem zusammenführen.",
        warning=True,
    ),
    RuleInfo(
        "municipality-name",
        "field",
        "Ein Kommunenname ist eine andere Schreibweise eines Namens aus einem anderen Eintrag "
        "(etwa „Kreis X“ und „Landkreis X“ im selben Land).",
        "Den Namen in allen Einträgen gleich schreiben oder auf ein Kommunenprofil verweisen.",
    ),
    RuleInfo(
        "region-missing",
        "field",
        "Eine Beratungsstelle nennt weder Bundesländer noch `nationwide: true`.",
        "Die Bundesländer unter `regions` nennen oder `nationwide: true` setzen.",
    ),
    RuleInfo(
        "event-time",
        "event",
        "Das Ende liegt vor dem Beginn, oder nur eines von beiden hat eine Uhrzeit.",
        "Beginn und Ende prüfen; beide mit oder beide ohne Uhrzeit angeben.",
    ),
    RuleInfo(
        "event-place",
        "event",
        "Eine Veranstaltung hat weder Ort noch Online-Teilnahme.",
        "Den Ort unter `place` nennen oder `online: true` setzen.",
    ),
    RuleInfo(
        "event-deadline",
        "event",
        "Der Anmeldeschluss liegt nach dem Beginn, oder eine geänderte Frist ist unvollständig.",
        "Den Anmeldeschluss unter `registration.deadline` prüfen; `previous_deadline` nur "
        "angeben, wenn sich die Frist geändert hat.",
    ),
    RuleInfo(
        "build-lost",
        "build",
        "Für einen gültigen Eintrag wurde keine Seite geschrieben.",
        "Fehler im Generator: bitte melden.",
    ),
    RuleInfo(
        "build-leak",
        "build",
        "Die öffentliche Seite enthält Kennung, Titel oder Text eines internen Eintrags oder "
        "einer internen Seite.",
        "Nichts veröffentlichen; den Fehler im Seitenbau melden (docs/betrieb/interne-ausgabe.md).",
    ),
    RuleInfo(
        "visibility-value",
        "field",
        "`visibility` einer Seite in docs/ ist weder `intern` noch `oeffentlich`.",
        "`visibility: intern` schreiben oder das Feld weglassen.",
    ),
    RuleInfo(
        "build-audit",
        "build",
        "Eine Übersichtsseite listet nicht genau die passenden Einträge, oder eine erzeugte "
        "Seite wurde von einer anderen ersetzt.",
        "Fehler im Generator oder eine Seite in docs/ mit derselben Adresse: bitte melden.",
    ),
    RuleInfo(
        "output-policy",
        "build",
        "Eine gebaute Seite enthält Skript im HTML, lädt von einem anderen Server, hat "
        "`<base>`, eine doppelte `id` oder nicht die Content-Security-Policy.",
        "Das Element entfernen (meist in einer handgeschriebenen Seite unter docs/ oder einer "
        "Vorlage in overrides/); siehe die Betriebsseite Sicherheit.",
    ),
)

RULE_BY_ID = {rule.id: rule for rule in RULES}


def group_label(rule: RuleInfo) -> str:
    return _GROUPS[rule.group]
