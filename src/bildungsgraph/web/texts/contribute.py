"""UI strings of the contribute pages (see ``web.texts``)."""

STRINGS: dict[str, dict[str, str]] = {
    # /contribute
    "contribute.title": {"de": "Daten beitragen", "en": "Contribute data"},
    "contribute.intro": {
        "de": "Hier können Bildungsbüros und Netzwerkkoordinationen ihre Bildungsakteure, "
        "Standorte, Angebote, Kooperationen und Netzwerke in den Bildungsgraphen einbringen. "
        "Es geht in drei Schritten: Vorlage herunterladen und ausfüllen, Dateien hochladen und "
        "prüfen lassen, dann bestätigen.",
        "en": "Education offices and network coordinators can add their education actors, "
        "sites, offers, cooperations and networks to the graph here, in three steps: download "
        "and fill in a template, upload the files and have them checked, then confirm.",
    },
    "contribute.step1": {"de": "1. Vorlage herunterladen", "en": "1. Download a template"},
    "contribute.step1_text": {
        "de": "Jede Vorlage hat eine Kopfzeile mit den Spaltennamen und eine Beispielzeile. "
        "Die Excel-Arbeitsmappe enthält alle Vorlagen, Erklärungen zu jeder Spalte und die "
        "erlaubten Werte.",
        "en": "Every template has a header row with the column names and one example row. The "
        "Excel workbook holds every template, an explanation of each column and the allowed "
        "values.",
    },
    "contribute.workbook": {
        "de": "Alle Vorlagen als Excel-Arbeitsmappe (.xlsx)",
        "en": "All templates as an Excel workbook (.xlsx)",
    },
    "contribute.csv_template": {"de": "CSV-Vorlage", "en": "CSV template"},
    "contribute.templates_json": {
        "de": "Liste der Vorlagen als JSON",
        "en": "List of templates as JSON",
    },
    "contribute.step2": {"de": "2. Dateien hochladen und prüfen", "en": "2. Upload and check"},
    "contribute.step2_text": {
        "de": "Sie können mehrere Dateien auf einmal hochladen: CSV (.csv, .tsv, .txt), Excel "
        "(.xlsx), Turtle (.ttl, .nt) oder JSON-LD (.jsonld). Die Prüfung speichert noch nichts; "
        "sie zeigt Zeile für Zeile, was fehlt oder nicht passt. Prüfen darf jede und jeder, "
        "auch ohne Anmeldung.",
        "en": "You can upload several files at once: CSV (.csv, .tsv, .txt), Excel (.xlsx), "
        "Turtle (.ttl, .nt) or JSON-LD (.jsonld). Checking stores nothing yet; it shows row by "
        "row what is missing or wrong. Anyone may check files, also without signing in.",
    },
    "contribute.files": {"de": "Dateien", "en": "Files"},
    "contribute.files_hint": {
        "de": "Höchstens {size} je Einreichung, höchstens {rows} Zeilen.",
        "en": "At most {size} per upload, at most {rows} rows.",
    },
    "contribute.title_field": {
        "de": "Titel des Beitrags (freiwillig)",
        "en": "Title of the contribution (optional)",
    },
    "contribute.title_hint": {
        "de": "z. B. „Angebote der Familienzentren 2025“",
        "en": "e.g. “Offers of the family centres 2025”",
    },
    "contribute.check": {"de": "Dateien prüfen", "en": "Check files"},
    "contribute.step3": {"de": "3. Bestätigen", "en": "3. Confirm"},
    "contribute.step3_text": {
        "de": "Ist die Prüfung ohne Fehler, können angemeldete Konten den Beitrag bestätigen. "
        "Er wird dann ganz oder gar nicht gespeichert – nie zur Hälfte. Konten dürfen nur "
        "Datensätze aus ihren eigenen Kommunen beitragen (ein Kreis umfasst seine Gemeinden).",
        "en": "When the check finds no errors, signed-in accounts can confirm the contribution. "
        "It is then stored whole or not at all – never half. Accounts may only contribute "
        "records located in their own Kommunen (a Kreis covers its Gemeinden).",
    },
    "contribute.api_hint": {
        "de": "Für Programme gibt es dieselben Schritte als REST-API:",
        "en": "Programs can use the same steps through the REST API:",
    },
    # sign-in state
    "contribute.account": {"de": "Ihr Konto", "en": "Your account"},
    "contribute.signed_in_as": {"de": "Angemeldet als", "en": "Signed in as"},
    "contribute.kommunen": {"de": "Kommunen", "en": "Kommunen"},
    "contribute.admin": {"de": "alle (Verwaltung)", "en": "all (administration)"},
    "contribute.not_signed_in": {
        "de": "Sie sind nicht angemeldet. Zum Bestätigen brauchen Sie ein Konto.",
        "en": "You are not signed in. Confirming needs an account.",
    },
    "contribute.sign_in": {"de": "Anmelden", "en": "Sign in"},
    "contribute.sign_out": {"de": "Abmelden", "en": "Sign out"},
    "contribute.mine": {"de": "Meine Beiträge", "en": "My contributions"},
    # /contribute/sign-in
    "contribute.sign_in_title": {"de": "Anmelden zum Beitragen", "en": "Sign in to contribute"},
    "contribute.sign_in_text": {
        "de": "Melden Sie sich mit dem Zugangstoken Ihres Kontos an. Das Token erhalten Sie "
        "von der Verwaltung des Bildungsgraphen (es beginnt mit „bg_“). Die Anmeldung gilt "
        "{hours} Stunden.",
        "en": "Sign in with your account's access token. You receive the token from the "
        "administrators of the graph (it starts with “bg_”). The sign-in lasts {hours} hours.",
    },
    "contribute.token": {"de": "Zugangstoken", "en": "Access token"},
    "contribute.wrong_token": {
        "de": "Dieses Zugangstoken ist nicht gültig (falsch, unvollständig oder widerrufen). "
        "Bitte prüfen Sie es und versuchen Sie es erneut.",
        "en": "This access token is not valid (wrong, incomplete or revoked). Please check "
        "it and try again.",
    },
    # report
    "contribute.report_title": {"de": "Prüfbericht", "en": "Validation report"},
    "contribute.summary": {"de": "Zusammenfassung", "en": "Summary"},
    "contribute.records": {"de": "Datensätze", "en": "Records"},
    "contribute.triples": {"de": "Tripel", "en": "Triples"},
    "contribute.errors": {"de": "Fehler", "en": "Errors"},
    "contribute.warnings": {"de": "Warnungen", "en": "Warnings"},
    "contribute.ok": {
        "de": "Keine Fehler gefunden. Die Dateien können beigetragen werden.",
        "en": "No errors found. The files can be contributed.",
    },
    "contribute.not_ok": {
        "de": "Die Prüfung hat Fehler gefunden. Bitte korrigieren Sie die genannten Zeilen "
        "und laden Sie die Dateien erneut hoch. Es wurde nichts gespeichert.",
        "en": "The check found errors. Please correct the rows listed and upload the files "
        "again. Nothing was stored.",
    },
    "contribute.warnings_note": {
        "de": "Warnungen verhindern das Speichern nicht, sollten aber geprüft werden.",
        "en": "Warnings do not prevent storing, but should be looked at.",
    },
    "contribute.no_scope_note": {
        "de": "Ohne Anmeldung wurde nicht geprüft, ob die Datensätze in Ihren Kommunen "
        "liegen; das geschieht beim Bestätigen.",
        "en": "Without signing in, the check did not test whether the records lie in your "
        "Kommunen; that happens when you confirm.",
    },
    "contribute.file": {"de": "Datei", "en": "File"},
    "contribute.whole_upload": {"de": "Einreichung insgesamt", "en": "The upload as a whole"},
    "contribute.file_ok": {"de": "Keine Beanstandungen.", "en": "No findings."},
    "contribute.row": {"de": "Zeile", "en": "Row"},
    "contribute.sheet": {"de": "Blatt", "en": "Sheet"},
    "contribute.kennung": {"de": "Kennung", "en": "Kennung"},
    "contribute.column": {"de": "Spalte", "en": "Column"},
    "contribute.value": {"de": "Wert", "en": "Value"},
    "contribute.severity": {"de": "Art", "en": "Kind"},
    "contribute.message": {"de": "Meldung", "en": "Message"},
    "contribute.sev.Violation": {"de": "Fehler", "en": "Error"},
    "contribute.sev.Warning": {"de": "Warnung", "en": "Warning"},
    "contribute.sev.Info": {"de": "Hinweis", "en": "Note"},
    "contribute.bytes": {"de": "Bytes", "en": "bytes"},
    "contribute.expires": {
        "de": "Die geprüften Dateien werden bis {time} Uhr (UTC) bereitgehalten.",
        "en": "The checked files are kept until {time} (UTC).",
    },
    "contribute.confirm": {"de": "Beitrag speichern", "en": "Store the contribution"},
    "contribute.confirm_text": {
        "de": "Mit „Beitrag speichern“ werden die Dateien als Ihr Beitrag in den "
        "Bildungsgraphen übernommen und öffentlich lesbar.",
        "en": "“Store the contribution” adds the files to the graph as your contribution; "
        "they become publicly readable.",
    },
    "contribute.sign_in_to_confirm": {
        "de": "Zum Speichern melden Sie sich bitte an.",
        "en": "To store it, please sign in.",
    },
    "contribute.again": {"de": "Andere Dateien prüfen", "en": "Check other files"},
    "contribute.refused": {
        "de": "Der Beitrag wurde nicht gespeichert: die erneute Prüfung beim Bestätigen hat "
        "Fehler gefunden (z. B. Datensätze außerhalb Ihrer Kommunen).",
        "en": "The contribution was not stored: checking again on confirmation found errors "
        "(e.g. records outside your Kommunen).",
    },
    # /contribute/mine
    "contribute.mine_intro": {
        "de": "Die Beiträge Ihres Kontos. Zurückgezogene Beiträge lassen sich {days} Tage "
        "lang wiederherstellen.",
        "en": "The contributions of your account. Withdrawn contributions can be restored "
        "for {days} days.",
    },
    "contribute.none": {"de": "Noch keine Beiträge.", "en": "No contributions yet."},
    "contribute.id": {"de": "Kennung", "en": "Id"},
    "contribute.name": {"de": "Titel", "en": "Title"},
    "contribute.untitled": {"de": "(ohne Titel)", "en": "(untitled)"},
    "contribute.time": {"de": "Zeitpunkt", "en": "Time"},
    "contribute.rows": {"de": "Zeilen", "en": "Rows"},
    "contribute.status": {"de": "Status", "en": "Status"},
    "contribute.status.stored": {"de": "gespeichert", "en": "stored"},
    "contribute.status.withdrawn": {"de": "zurückgezogen", "en": "withdrawn"},
    "contribute.details": {"de": "Details und Bericht", "en": "Details and report"},
    "contribute.linked_data": {"de": "Linked Data (RDF)", "en": "Linked Data (RDF)"},
    "contribute.json": {"de": "JSON", "en": "JSON"},
    "contribute.files_stored": {"de": "Dateien", "en": "Files"},
    "contribute.withdraw": {"de": "Zurückziehen", "en": "Withdraw"},
    "contribute.withdraw_title": {
        "de": "Beitrag zurückziehen?",
        "en": "Withdraw the contribution?",
    },
    "contribute.withdraw_text": {
        "de": "Der Beitrag wird aus dem Bildungsgraphen entfernt – genau seine Tripel. "
        "Sie können das {days} Tage lang rückgängig machen.",
        "en": "The contribution is removed from the graph – exactly its triples. You can "
        "undo this for {days} days.",
    },
    "contribute.withdraw_confirm": {"de": "Ja, zurückziehen", "en": "Yes, withdraw"},
    "contribute.cancel": {"de": "Abbrechen", "en": "Cancel"},
    "contribute.restore": {"de": "Wiederherstellen", "en": "Restore"},
    "contribute.not_restorable": {
        "de": "Die Aufbewahrungsfrist ist abgelaufen; der Beitrag kann nicht mehr "
        "wiederhergestellt werden.",
        "en": "The retention period has passed; the contribution can no longer be restored.",
    },
    "contribute.withdrawn_at": {"de": "zurückgezogen am", "en": "withdrawn on"},
    "contribute.no_report": {"de": "Kein Prüfbericht gespeichert.", "en": "No report kept."},
    "contribute.done.stored": {
        "de": "Der Beitrag ist gespeichert.",
        "en": "The contribution is stored.",
    },
    "contribute.done.duplicate": {
        "de": "Genau diese Dateien sind bereits gespeichert; es wurde nichts doppelt angelegt.",
        "en": "Exactly these files are stored already; nothing was stored twice.",
    },
    "contribute.done.withdrawn": {
        "de": "Der Beitrag ist zurückgezogen.",
        "en": "The contribution is withdrawn.",
    },
    "contribute.done.restored": {
        "de": "Der Beitrag ist wiederhergestellt.",
        "en": "The contribution is restored.",
    },
    "contribute.back_mine": {"de": "Zurück zu meinen Beiträgen", "en": "Back to my contributions"},
    "contribute.back": {"de": "Zurück zu „Daten beitragen“", "en": "Back to “Contribute data”"},
    # errors
    "contribute.error": {"de": "Das hat nicht geklappt", "en": "That did not work"},
    "contribute.err.csrf": {
        "de": "Das Formular ist abgelaufen oder kam nicht von dieser Seite (Sicherheitsprüfung). "
        "Bitte laden Sie die Seite neu und versuchen Sie es noch einmal. Cookies für diese "
        "Seite müssen erlaubt sein.",
        "en": "The form has expired or did not come from this site (security check). Please "
        "reload the page and try again. Cookies must be allowed for this site.",
    },
    "contribute.err.too_large": {
        "de": "Die Dateien sind zu groß: eine Einreichung darf höchstens {size} haben. Bitte "
        "teilen Sie die Daten auf mehrere Einreichungen auf.",
        "en": "The files are too large: an upload may have at most {size}. Please split the "
        "data into several uploads.",
    },
    "contribute.err.no_files": {
        "de": "Bitte wählen Sie mindestens eine Datei aus.",
        "en": "Please choose at least one file.",
    },
    "contribute.err.not_multipart": {
        "de": "Bitte laden Sie die Dateien über das Formular hoch.",
        "en": "Please upload the files through the form.",
    },
    "contribute.err.unknown_upload": {
        "de": "Diese Prüfung ist abgelaufen oder unbekannt. Geprüfte Dateien werden eine "
        "Stunde lang bereitgehalten. Bitte laden Sie die Dateien erneut hoch.",
        "en": "This check has expired or is unknown. Checked files are kept for one hour. "
        "Please upload the files again.",
    },
    "contribute.err.sign_in": {
        "de": "Zum Speichern, Zurückziehen oder Wiederherstellen müssen Sie angemeldet sein.",
        "en": "Storing, withdrawing or restoring needs you to be signed in.",
    },
    "contribute.err.not_yours": {
        "de": "Dieser Beitrag gehört zu einem anderen Konto.",
        "en": "This contribution belongs to another account.",
    },
    "contribute.err.unknown_contribution": {
        "de": "Diesen Beitrag gibt es in Ihrem Konto nicht (mehr).",
        "en": "Your account has no (longer a) contribution with this id.",
    },
    "contribute.err.not_restorable": {
        "de": "Dieser Beitrag kann nicht wiederhergestellt werden.",
        "en": "This contribution cannot be restored.",
    },
}
