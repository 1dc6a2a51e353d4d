<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AccessibleNames</name>
    <message>
        <source>More tools</source>
        <translation>Weitere Werkzeuge</translation>
    </message>
    <message>
        <source>The toolbar items that do not fit the window</source>
        <translation>Die Einträge der Werkzeugleiste, die nicht ins Fenster passen</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ApiClient</name>
    <message>
        <source>The connection was refused: nothing is listening at that address.</source>
        <translation>Die Verbindung wurde abgewiesen: An dieser Adresse lauscht nichts.</translation>
    </message>
    <message>
        <source>The server closed the connection before answering.</source>
        <translation>Der Server hat die Verbindung vor seiner Antwort geschlossen.</translation>
    </message>
    <message>
        <source>The server&apos;s host name could not be found.</source>
        <translation>Der Hostname des Servers wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The secure (TLS) connection could not be established.</source>
        <translation>Die sichere Verbindung (TLS) konnte nicht aufgebaut werden.</translation>
    </message>
    <message>
        <source>The network is not available.</source>
        <translation>Das Netzwerk ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>The proxy server failed: %1</source>
        <translation>Der Proxyserver ist gescheitert: %1</translation>
    </message>
    <message>
        <source>The server redirected the request elsewhere; it was not followed so that the API key stays with this server.</source>
        <translation>Der Server hat die Anfrage anderswohin umgeleitet; der Umleitung wurde nicht gefolgt, damit der API-Schlüssel bei diesem Server bleibt.</translation>
    </message>
    <message>
        <source>Network error: %1</source>
        <translation>Netzwerkfehler: %1</translation>
    </message>
    <message>
        <source>The base URL is not a valid URL.</source>
        <translation>Die Basis-URL ist keine gültige URL.</translation>
    </message>
    <message>
        <source>The base URL &quot;%1&quot; is not a valid URL.</source>
        <translation>Die Basis-URL „%1“ ist keine gültige URL.</translation>
    </message>
    <message>
        <source>The base URL for %1 contains a user name or password (user:password@). Remove it: the API key is the only credential sent, and it is kept in the keychain.</source>
        <translation>Die Basis-URL für %1 enthält einen Benutzernamen oder ein Passwort (user:password@). Entfernen Sie es: Der API-Schlüssel ist die einzige gesendete Anmeldeinformation, und er liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <source>The base URL %1 uses plain http://, which would send the API key unencrypted. Use https:// (plain http is allowed only for 127.0.0.1, ::1 and localhost).</source>
        <translation>Die Basis-URL %1 verwendet einfaches http://, womit der API-Schlüssel unverschlüsselt gesendet würde. Verwenden Sie https:// (einfaches http ist nur für 127.0.0.1, ::1 und localhost erlaubt).</translation>
    </message>
    <message>
        <source>The base URL &quot;%1&quot; must start with https://.</source>
        <translation>Die Basis-URL „%1“ muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>No API key is set. Set ALCHEMYST_AI_API_KEY or store a key in Settings.</source>
        <translation>Kein API-Schlüssel gesetzt. Setzen Sie ALCHEMYST_AI_API_KEY oder speichern Sie einen Schlüssel in den Einstellungen.</translation>
    </message>
    <message>
        <source>The job id &quot;%1&quot; cannot be sent as a single path segment.</source>
        <translation>Die Job-ID „%1“ kann nicht als einzelnes Pfadsegment gesendet werden.</translation>
    </message>
    <message>
        <source> (subject: %1; issuer: %2)</source>
        <translation> (Inhaber: %1; Aussteller: %2)</translation>
    </message>
    <message>
        <source>The server sent nothing for %1 seconds.</source>
        <translation>Der Server hat %1 Sekunden lang nichts gesendet.</translation>
    </message>
    <message>
        <source>No complete answer within %1 seconds.</source>
        <translation>Keine vollständige Antwort innerhalb von %1 Sekunden.</translation>
    </message>
    <message>
        <source>The answer was larger than this client accepts; it was discarded.</source>
        <translation>Die Antwort war größer, als dieses Programm annimmt; sie wurde verworfen.</translation>
    </message>
    <message>
        <source>The server redirected the request to %1; it was not followed, so that the API key is sent only to the configured server.</source>
        <translation>Der Server hat die Anfrage nach %1 umgeleitet; der Umleitung wurde nicht gefolgt, damit der API-Schlüssel nur an den eingestellten Server geht.</translation>
    </message>
    <message numerus="yes">
        <source>The answer broke off after %n byte(s): %1</source>
        <translation>
            <numerusform>Die Antwort brach nach %n Byte ab: %1</numerusform>
            <numerusform>Die Antwort brach nach %n Bytes ab: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered %1 with an empty body.</source>
        <translation>Der Server antwortete %1 ohne Inhalt.</translation>
    </message>
    <message>
        <source>The server answered %1, but: %2</source>
        <translation>Der Server antwortete %1, aber: %2</translation>
    </message>
    <message>
        <source>The server answered %1 with JSON that is not an object.</source>
        <translation>Der Server antwortete %1 mit JSON, das kein Objekt ist.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n page(s).</source>
        <translation>
            <numerusform>Nach %n Seite angehalten.</numerusform>
            <numerusform>Nach %n Seiten angehalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The job list did not end after %1 pages.</source>
        <translation>Die Jobliste endete nicht nach %1 Seiten.</translation>
    </message>
    <message>
        <source>The server returned the same jobs again for a later page (offset ignored).</source>
        <translation>Der Server lieferte für eine spätere Seite dieselben Jobs noch einmal (Offset ignoriert).</translation>
    </message>
    <message>
        <source>The job&apos;s answer has no &quot;status&quot;.</source>
        <translation>Die Antwort zum Job hat keinen „status“.</translation>
    </message>
    <message>
        <source>The job id is empty.</source>
        <translation>Die Job-ID ist leer.</translation>
    </message>
    <message>
        <source>The job id holds bytes that are not UTF-8 (shown as �): it cannot be a job&apos;s id.</source>
        <translation>Die Job-ID enthält Bytes, die kein UTF-8 sind (als � gezeigt): Sie kann nicht die ID eines Jobs sein.</translation>
    </message>
    <message>
        <source>The job id holds a control character (U+%1).</source>
        <translation>Die Job-ID enthält ein Steuerzeichen (U+%1).</translation>
    </message>
    <message>
        <source>The server answered %1 but did not confirm the cancel of this job.%2</source>
        <translation>Der Server antwortete mit %1, bestätigte den Abbruch dieses Jobs aber nicht.%2</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ApiResult</name>
    <message>
        <source>The request succeeded.</source>
        <translation>Die Anfrage war erfolgreich.</translation>
    </message>
    <message>
        <source>The job was cancelled.</source>
        <translation>Der Job wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The job is running and cannot be cancelled.</source>
        <translation>Der Job läuft und kann nicht abgebrochen werden.</translation>
    </message>
    <message>
        <source>The job was not found, or it has already completed or failed.</source>
        <translation>Der Job wurde nicht gefunden, oder er ist bereits erledigt oder fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The server rejected the job id as invalid.</source>
        <translation>Der Server hat die Job-ID als ungültig abgelehnt.</translation>
    </message>
    <message>
        <source>The account is out of credits (payment required).</source>
        <translation>Das Konto hat kein Guthaben mehr (Zahlung erforderlich).</translation>
    </message>
    <message>
        <source>The API key lacks the scope for this action (forbidden).</source>
        <translation>Dem API-Schlüssel fehlt die Berechtigung für diese Aktion (verboten).</translation>
    </message>
    <message>
        <source>Too many requests: the server asked us to wait (rate limited).</source>
        <translation>Zu viele Anfragen: Der Server bittet zu warten (Ratenbegrenzung).</translation>
    </message>
    <message>
        <source>The server reported an internal error.</source>
        <translation>Der Server meldete einen internen Fehler.</translation>
    </message>
    <message>
        <source>The server did not answer in time (timeout).</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet (Zeitüberschreitung).</translation>
    </message>
    <message>
        <source>The server could not be reached (network error).</source>
        <translation>Der Server war nicht erreichbar (Netzwerkfehler).</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be understood (malformed response).</source>
        <translation>Die Antwort des Servers war unverständlich (fehlerhafte Antwort).</translation>
    </message>
    <message>
        <source>The base URL is not allowed.</source>
        <translation>Die Basis-URL ist nicht erlaubt.</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>Vor dem Ende angehalten.</translation>
    </message>
    <message>
        <source>Check the key with File → Edit Environment….</source>
        <translation>Prüfen Sie den Schlüssel unter Datei → Umgebung bearbeiten….</translation>
    </message>
    <message>
        <source>The API key was not accepted (unauthorized).</source>
        <translation>Der API-Schlüssel wurde nicht angenommen (nicht autorisiert).</translation>
    </message>
</context>
<context>
    <name>Alchemyst::BudgetMeter</name>
    <message>
        <source>Request budget</source>
        <translation>Anfragebudget</translation>
    </message>
    <message>
        <source>Requests %1/%2 a minute · slowed to %3 a minute after a 429</source>
        <translation>Anfragen %1/%2 pro Minute · nach einem 429 auf %3 pro Minute gedrosselt</translation>
    </message>
    <message>
        <source>Requests %1/%2 a minute</source>
        <translation>Anfragen %1/%2 pro Minute</translation>
    </message>
    <message>
        <source>Requests in the last minute against this monitor&apos;s share of %1 a minute:</source>
        <translation>Anfragen der letzten Minute, gemessen am Anteil dieses Monitors von %1 pro Minute:</translation>
    </message>
    <message>
        <source>Full passes %1 · Top-of-list polls %2 · Details %3 · Cancels %4</source>
        <translation>Vollständige Durchläufe %1 · Abfragen der Listenanfänge %2 · Details %3 · Abbrüche %4</translation>
    </message>
    <message>
        <source>Other programs on this computer sharing the budget (the command-line tool): %1</source>
        <translation>Andere Programme auf diesem Rechner, die das Budget teilen (das Kommandozeilenwerkzeug): %1</translation>
    </message>
    <message>
        <source>The server answered 429 (too many requests for the account): this monitor slowed to %1 a minute, and comes back by a tenth of its share each minute without another.</source>
        <translation>Der Server antwortete mit 429 (zu viele Anfragen für das Konto): Dieser Monitor wurde auf %1 pro Minute gedrosselt und steigt ohne weiteres 429 jede Minute um ein Zehntel seines Anteils wieder an.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::BulkCancel</name>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>To send</source>
        <translation>Zu senden</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
</context>
<context>
    <name>Alchemyst::BulkCancelPreviewDialog</name>
    <message>
        <source>Cancel jobs on production</source>
        <translation>Jobs auf der Produktion abbrechen</translation>
    </message>
    <message>
        <source>Cancel jobs</source>
        <translation>Jobs abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s) selected on %1.</source>
        <translation>
            <numerusform>%Ln Job auf %1 ausgewählt.</numerusform>
            <numerusform>%Ln Jobs auf %1 ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>None of them can be cancelled: only waiting and delayed jobs can.</source>
        <translation>Keiner davon kann abgebrochen werden: Das geht nur bei wartenden und verzögerten Jobs.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln will be sent a cancel (waiting and delayed). Nothing is retried.</source>
        <translation>
            <numerusform>%Ln erhält einen Abbruch (wartend und verzögert). Nichts wird wiederholt.</numerusform>
            <numerusform>%Ln erhalten einen Abbruch (wartend und verzögert). Nichts wird wiederholt.</numerusform>
        </translation>
    </message>
    <message>
        <source>None is skipped.</source>
        <translation>Keiner wird übersprungen.</translation>
    </message>
    <message>
        <source>%1 skipped:</source>
        <translation>%1 übersprungen:</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Production.&lt;/b&gt; Type the environment name &lt;b&gt;%1&lt;/b&gt; to confirm the whole batch:</source>
        <translation>&lt;b&gt;Produktion.&lt;/b&gt; Geben Sie den Umgebungsnamen &lt;b&gt;%1&lt;/b&gt; ein, um den ganzen Stapel zu bestätigen:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln Cancel(s)</source>
        <translation>
            <numerusform>%Ln Abbruch senden</numerusform>
            <numerusform>%Ln Abbrüche senden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them were last refreshed longer ago than the refresh interval: each is checked with the server first, and its cancel is sent only if it is still waiting or delayed.</source>
        <translation>
            <numerusform>%Ln davon wurde vor längerer Zeit als dem Aktualisierungsintervall zuletzt aktualisiert: Er wird zuerst beim Server geprüft, und sein Abbruch wird nur gesendet, wenn er noch wartet oder verzögert ist.</numerusform>
            <numerusform>%Ln davon wurden vor längerer Zeit als dem Aktualisierungsintervall zuletzt aktualisiert: Jeder wird zuerst beim Server geprüft, und sein Abbruch wird nur gesendet, wenn er noch wartet oder verzögert ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelBatch</name>
    <message>
        <source>running: the server would refuse with 409</source>
        <translation>läuft: Der Server würde mit 409 ablehnen</translation>
    </message>
    <message>
        <source>nothing to cancel: already %1</source>
        <translation>nichts abzubrechen: bereits %1</translation>
    </message>
    <message>
        <source>not cancellable: the state is unknown</source>
        <translation>nicht abbrechbar: Der Status ist unbekannt</translation>
    </message>
    <message>
        <source>not cancellable: only waiting and delayed jobs are, this one is %1</source>
        <translation>nicht abbrechbar: Das sind nur wartende und verzögerte Jobs, dieser ist %1</translation>
    </message>
    <message>
        <source>Stopped before it was sent.</source>
        <translation>Vor dem Senden angehalten.</translation>
    </message>
    <message>
        <source>No answer came (the request was abandoned): the job may or may not have been cancelled.</source>
        <translation>Keine Antwort (die Anfrage wurde aufgegeben): Der Job ist vielleicht abgebrochen, vielleicht nicht.</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Not sent: the journal could not be written (%1).</source>
        <translation>Nicht gesendet: Das Protokoll konnte nicht geschrieben werden (%1).</translation>
    </message>
    <message numerus="yes">
        <source>Paused by the server for %n s (HTTP 429).</source>
        <translation>
            <numerusform>Vom Server für %n s angehalten (HTTP 429).</numerusform>
            <numerusform>Vom Server für %n s angehalten (HTTP 429).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: the server refused an earlier cancel of this batch with HTTP %1 (%2).</source>
        <translation>Nicht gesendet: Der Server hat einen früheren Abbruch dieses Stapels mit HTTP %1 abgelehnt (%2).</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Refused: running</source>
        <translation>Abgelehnt: läuft</translation>
    </message>
    <message>
        <source>Refused: not found</source>
        <translation>Abgelehnt: nicht gefunden</translation>
    </message>
    <message>
        <source>Refused: invalid id</source>
        <translation>Abgelehnt: ungültige ID</translation>
    </message>
    <message>
        <source>Refused: key not accepted</source>
        <translation>Abgelehnt: Schlüssel nicht angenommen</translation>
    </message>
    <message>
        <source>Refused: payment required</source>
        <translation>Abgelehnt: Zahlung erforderlich</translation>
    </message>
    <message>
        <source>Refused: forbidden</source>
        <translation>Abgelehnt: verboten</translation>
    </message>
    <message>
        <source>Refused: rate limited</source>
        <translation>Abgelehnt: Anfragelimit erreicht</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>No answer: timeout</source>
        <translation>Keine Antwort: Zeitüberschreitung</translation>
    </message>
    <message>
        <source>No answer: network error</source>
        <translation>Keine Antwort: Netzwerkfehler</translation>
    </message>
    <message>
        <source>Unclear answer</source>
        <translation>Unklare Antwort</translation>
    </message>
    <message>
        <source>Not sent: insecure URL</source>
        <translation>Nicht gesendet: unsichere URL</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Not sent: now %1</source>
        <translation>Nicht gesendet: jetzt %1</translation>
    </message>
    <message>
        <source>Not sent: now %1 (checked first: the row was older than the refresh interval).</source>
        <translation>Nicht gesendet: jetzt %1 (zuerst geprüft: Die Zeile war älter als das Aktualisierungsintervall).</translation>
    </message>
    <message>
        <source>Not sent: the job is no longer on the server (its state was checked first, the row being older than the refresh interval).</source>
        <translation>Nicht gesendet: Der Job ist nicht mehr auf dem Server (sein Status wurde zuerst geprüft, da die Zeile älter als das Aktualisierungsintervall war).</translation>
    </message>
    <message>
        <source>Not sent: the server refused a status check of this batch with HTTP %1 (%2).</source>
        <translation>Nicht gesendet: Der Server hat eine Statusprüfung dieses Stapels mit HTTP %1 abgelehnt (%2).</translation>
    </message>
    <message>
        <source>Not sent: its state could not be checked first. %1</source>
        <translation>Nicht gesendet: Sein Status konnte nicht zuerst geprüft werden. %1</translation>
    </message>
    <message>
        <source>Not sent: its state could not be checked first (no answer came).</source>
        <translation>Nicht gesendet: Sein Status konnte nicht zuerst geprüft werden (keine Antwort).</translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelController</name>
    <message>
        <source>Cancel Job</source>
        <translation>Job abbrechen</translation>
    </message>
    <message>
        <source>Select a job to cancel it. Only waiting and delayed jobs can be cancelled.</source>
        <translation>Wählen Sie einen Job, um ihn abzubrechen. Nur wartende und verzögerte Jobs können abgebrochen werden.</translation>
    </message>
    <message>
        <source>Job &lt;b&gt;%1&lt;/b&gt; is &lt;span style=&quot;color:%2; font-weight:600&quot;&gt;%3&lt;/span&gt;</source>
        <translation>Job &lt;b&gt;%1&lt;/b&gt; ist &lt;span style=&quot;color:%2; font-weight:600&quot;&gt;%3&lt;/span&gt;</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancel job %1 (%2)</source>
        <translation>Job %1 abbrechen (%2)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln job(s)&lt;/b&gt; selected · %1 can be cancelled (waiting or delayed)</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln Job&lt;/b&gt; ausgewählt · %1 abbrechbar (wartend oder verzögert)</numerusform>
            <numerusform>&lt;b&gt;%Ln Jobs&lt;/b&gt; ausgewählt · %1 abbrechbar (wartend oder verzögert)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel Jobs…</source>
        <translation>Jobs abbrechen…</translation>
    </message>
    <message>
        <source>A batch of cancels is still running.</source>
        <translation>Ein Stapel von Abbrüchen läuft noch.</translation>
    </message>
    <message>
        <source>Preview what a cancel of the selected jobs would do (%1)</source>
        <translation>Vorschau, was ein Abbruch der ausgewählten Jobs bewirken würde (%1)</translation>
    </message>
    <message>
        <source>Cancels cannot be recorded</source>
        <translation>Abbrüche können nicht festgehalten werden</translation>
    </message>
    <message>
        <source>Every cancel is recorded in the journal %1, but it cannot be written:
%2

Cancel anyway, without a record?</source>
        <translation>Jeder Abbruch wird im Protokoll %1 festgehalten, aber es kann nicht geschrieben werden:
%2

Trotzdem abbrechen, ohne Eintrag?</translation>
    </message>
    <message>
        <source>Cancel Without a Record</source>
        <translation>Ohne Eintrag abbrechen</translation>
    </message>
    <message>
        <source>Cancelling job %1…</source>
        <translation>Job %1 wird abgebrochen…</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation>HTTP-Status: %1</translation>
    </message>
    <message>
        <source>HTTP status: none (no answer from the server)</source>
        <translation>HTTP-Status: keiner (keine Antwort vom Server)</translation>
    </message>
    <message>
        <source>Job %1 cancelled.</source>
        <translation>Job %1 abgebrochen.</translation>
    </message>
    <message>
        <source>Job %1 is running and was not cancelled.</source>
        <translation>Job %1 läuft und wurde nicht abgebrochen.</translation>
    </message>
    <message>
        <source>Job not found</source>
        <translation>Job nicht gefunden</translation>
    </message>
    <message>
        <source>Job %1 was not found, or it has already completed or failed.</source>
        <translation>Job %1 wurde nicht gefunden, oder er ist bereits erledigt oder fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Could not cancel the job</source>
        <translation>Der Job konnte nicht abgebrochen werden</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled. %2</source>
        <translation>Job %1 wurde nicht abgebrochen. %2</translation>
    </message>
    <message>
        <source>The batch of cancels has ended; see its receipt.</source>
        <translation>Der Stapel von Abbrüchen ist beendet; siehe seinen Beleg.</translation>
    </message>
    <message>
        <source>The cancel was not recorded in the journal: %1</source>
        <translation>Der Abbruch wurde nicht im Protokoll festgehalten: %1</translation>
    </message>
    <message>
        <source>Waiting for the answers to the cancels already sent…</source>
        <translation>Warten auf die Antworten zu den bereits gesendeten Abbrüchen…</translation>
    </message>
    <message>
        <source>The window was closed before the answer came: the cancel was sent, whether it took effect is unknown.</source>
        <translation>Das Fenster wurde geschlossen, bevor die Antwort kam: Der Abbruch wurde gesendet; ob er wirksam wurde, ist unbekannt.</translation>
    </message>
    <message>
        <source>Not connected to an environment.</source>
        <translation>Mit keiner Umgebung verbunden.</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: %2</source>
        <translation>Job %1 wurde nicht abgebrochen: %2</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: the server did not accept the API key.</source>
        <translation>Job %1 wurde nicht abgebrochen: Der Server hat den API-Schlüssel nicht angenommen.</translation>
    </message>
    <message>
        <source>Nothing was sent: this program refused the job id.</source>
        <translation>Nichts wurde gesendet: Dieses Programm hat die Job-ID abgelehnt.</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: undone, nothing was sent.</source>
        <translation>Job %1 wurde nicht abgebrochen: rückgängig gemacht, nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Read-only environment: nothing can be cancelled here.</source>
        <translation>Schreibgeschützte Umgebung: Hier kann nichts abgebrochen werden.</translation>
    </message>
    <message>
        <source>cancel about to be sent</source>
        <translation>Abbruch wird gleich gesendet</translation>
    </message>
    <message>
        <source>The server refuses to cancel a running job: wait for it to finish, or contact support.</source>
        <translation>Der Server bricht einen laufenden Job nicht ab: Warten Sie, bis er fertig ist, oder wenden Sie sich an den Support.</translation>
    </message>
    <message>
        <source>Keep Jobs</source>
        <translation>Jobs behalten</translation>
    </message>
    <message>
        <source>Keep Job</source>
        <translation>Job behalten</translation>
    </message>
    <message>
        <source>Cancel job %1?</source>
        <translation>Job %1 abbrechen?</translation>
    </message>
    <message>
        <source>Cancel job %1 on %2? The server drops it from the queue.</source>
        <translation>Job %1 auf %2 abbrechen? Der Server entfernt ihn aus der Warteschlange.</translation>
    </message>
    <message>
        <source>Job %1 will be cancelled.</source>
        <translation>Job %1 wird abgebrochen.</translation>
    </message>
    <message>
        <source>Job %1 will be cancelled in a moment: Undo keeps it.</source>
        <translation>Job %1 wird gleich abgebrochen: „Rückgängig“ behält ihn.</translation>
    </message>
    <message>
        <source>Job %1 is running and could not be cancelled</source>
        <translation>Job %1 läuft und konnte nicht abgebrochen werden</translation>
    </message>
    <message>
        <source>Job %1 · %2</source>
        <translation>Job %1 · %2</translation>
    </message>
    <message>
        <source>The answer to the cancel already sent goes to the journal (Jobs → Cancel Journal…).</source>
        <translation>Die Antwort auf den bereits gesendeten Abbruch geht ins Protokoll (Jobs → Abbruchprotokoll…).</translation>
    </message>
    <message>
        <source>The answers to the cancels already sent have come.</source>
        <translation>Die Antworten auf die bereits gesendeten Abbrüche sind eingetroffen.</translation>
    </message>
    <message>
        <source>Some cancels got no answer in time: the journal records them as sent, answer unknown.</source>
        <translation>Manche Abbrüche bekamen nicht rechtzeitig eine Antwort: Das Protokoll hält sie als gesendet, Antwort unbekannt, fest.</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: nothing was sent.</source>
        <translation>Job %1 wurde nicht abgebrochen: Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>%1 The cancel was not recorded in the journal: %2</source>
        <translation>%1 Der Abbruch wurde nicht im Protokoll festgehalten: %2</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: it was not found, or it has already completed or failed.</source>
        <translation>Job %1 wurde nicht abgebrochen: Er wurde nicht gefunden, oder er ist bereits erledigt oder fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelReceiptDialog</name>
    <message>
        <source>Cancelling jobs on %1</source>
        <translation>Jobs auf %1 werden abgebrochen</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Send nothing more; answers already on their way are still recorded</source>
        <translation>Nichts mehr senden; Antworten, die schon unterwegs sind, werden noch festgehalten</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>State before</source>
        <translation>Status vorher</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Als CSV speichern…</translation>
    </message>
    <message>
        <source>Save as JSON…</source>
        <translation>Als JSON speichern…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the receipt as CSV</source>
        <translation>Den Beleg als CSV kopieren</translation>
    </message>
    <message>
        <source>Save Receipt</source>
        <translation>Beleg speichern</translation>
    </message>
    <message>
        <source>The journal could not be written (%1): the answers are in this receipt only. Save it, or Stop.</source>
        <translation>Das Protokoll konnte nicht geschrieben werden (%1): Die Antworten stehen nur in diesem Beleg. Speichern Sie ihn oder halten Sie an.</translation>
    </message>
    <message>
        <source>Cancel receipt — %1</source>
        <translation>Abbruchbeleg — %1</translation>
    </message>
    <message numerus="yes">
        <source>Stopping: waiting for the %n answer(s) already on their way…</source>
        <translation>
            <numerusform>Wird angehalten: Warte auf die %n Antwort, die schon unterwegs ist…</numerusform>
            <numerusform>Wird angehalten: Warte auf die %n Antworten, die schon unterwegs sind…</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending cancels to %1: %2 of %3 settled.</source>
        <translation>Abbrüche an %1 werden gesendet: %2 von %3 erledigt.</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <source>%1 not cancelled (see the server&apos;s message)</source>
        <translation>%1 nicht abgebrochen (siehe Meldung des Servers)</translation>
    </message>
    <message>
        <source>%1 not sent (stopped)</source>
        <translation>%1 nicht gesendet (angehalten)</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message>
        <source>Done on %1: %2.</source>
        <translation>Fertig auf %1: %2.</translation>
    </message>
    <message>
        <source>The batch stopped by itself. %1</source>
        <translation>Der Stapel hat von selbst angehalten. %1</translation>
    </message>
    <message>
        <source>%1 not sent (no longer waiting or delayed when checked)</source>
        <translation>%1 nicht gesendet (bei der Prüfung nicht mehr wartend oder verzögert)</translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelService</name>
    <message>
        <source>This environment is read-only: nothing can be cancelled here.</source>
        <translation>Diese Umgebung ist schreibgeschützt: Hier kann nichts abgebrochen werden.</translation>
    </message>
    <message>
        <source>There is no API key for this environment.</source>
        <translation>Für diese Umgebung gibt es keinen API-Schlüssel.</translation>
    </message>
    <message>
        <source>A cancel of this job is already on its way.</source>
        <translation>Ein Abbruch dieses Jobs ist bereits unterwegs.</translation>
    </message>
    <message>
        <source>The job is not in the list.</source>
        <translation>Der Job ist nicht in der Liste.</translation>
    </message>
    <message>
        <source>The server did not accept the API key (HTTP 401) while cancelling. %1</source>
        <translation>Der Server hat den API-Schlüssel beim Abbrechen nicht angenommen (HTTP 401). %1</translation>
    </message>
    <message>
        <source>A cancel of this job is about to be sent (it can still be undone).</source>
        <translation>Ein Abbruch dieses Jobs wird gleich gesendet (er lässt sich noch rückgängig machen).</translation>
    </message>
    <message>
        <source>Job %1 is no longer on the server: not cancelled.</source>
        <translation>Job %1 ist nicht mehr auf dem Server: nicht abgebrochen.</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: its state could not be checked first. %2</source>
        <translation>Job %1 wurde nicht abgebrochen: Sein Zustand ließ sich vorher nicht prüfen. %2</translation>
    </message>
    <message>
        <source>Job %1 is now %2: not cancelled.</source>
        <translation>Job %1 ist jetzt %2: nicht abgebrochen.</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: %2</source>
        <translation>Job %1 wurde nicht abgebrochen: %2</translation>
    </message>
    <message>
        <source>Job %1 was not cancelled: the cancels were stopped.</source>
        <translation>Job %1 wurde nicht abgebrochen: Die Abbrüche wurden angehalten.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ChangeTracker</name>
    <message numerus="yes">
        <source>%n job(s) failed</source>
        <translation>
            <numerusform>%n Job fehlgeschlagen</numerusform>
            <numerusform>%n Jobs fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n became stuck</source>
        <translation>
            <numerusform>%n hängt jetzt</numerusform>
            <numerusform>%n hängen jetzt</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ConnectionDialog</name>
    <message>
        <source>Connect to Alchemyst</source>
        <translation>Mit Alchemyst verbinden</translation>
    </message>
    <message>
        <source>Add environment</source>
        <translation>Umgebung hinzufügen</translation>
    </message>
    <message>
        <source>Edit environment</source>
        <translation>Umgebung bearbeiten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome.&lt;/b&gt; Connect to the Alchemyst platform with an API key to see your context-add jobs, or try the demo against a simulator on this computer.</source>
        <translation>&lt;b&gt;Willkommen.&lt;/b&gt; Verbinden Sie sich mit einem API-Schlüssel mit der Alchemyst-Plattform, um Ihre Context-Add-Jobs zu sehen, oder probieren Sie die Demo mit einem Simulator auf diesem Computer aus.</translation>
    </message>
    <message>
        <source>e.g. Production, Staging</source>
        <translation>z. B. Produktion, Staging</translation>
    </message>
    <message>
        <source>Production: every cancel asks for the environment&apos;s name</source>
        <translation>Produktion: Jeder Abbruch fragt nach dem Namen der Umgebung</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>The key is stored in the system keychain only, never in a settings file.</source>
        <translation>Der Schlüssel wird nur im Schlüsselbund des Systems gespeichert, nie in einer Einstellungsdatei.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>Gespeicherten Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>&amp;Demo ausprobieren</translation>
    </message>
    <message>
        <source>A key is stored; type a new one to replace it</source>
        <translation>Ein Schlüssel ist gespeichert; geben Sie einen neuen ein, um ihn zu ersetzen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the built-in demo&apos;s name; give this environment another one.</source>
        <translation>„%1“ ist der Name der eingebauten Demo; geben Sie dieser Umgebung einen anderen.</translation>
    </message>
    <message>
        <source>Testing %1 …</source>
        <translation>%1 wird getestet …</translation>
    </message>
    <message>
        <source>Connected: the server accepted the key and listed jobs.</source>
        <translation>Verbunden: Der Server hat den Schlüssel angenommen und Jobs aufgelistet.</translation>
    </message>
    <message>
        <source>(HTTP %1)</source>
        <translation>(HTTP %1)</translation>
    </message>
    <message>
        <source>Give the environment a name.</source>
        <translation>Geben Sie der Umgebung einen Namen.</translation>
    </message>
    <message>
        <source>Paste the API key, or try the demo.</source>
        <translation>Fügen Sie den API-Schlüssel ein oder probieren Sie die Demo aus.</translation>
    </message>
    <message>
        <source>Remove &amp;Environment…</source>
        <translation>Umgebung &amp;entfernen…</translation>
    </message>
    <message>
        <source> requests a minute</source>
        <translation> Anfragen pro Minute</translation>
    </message>
    <message>
        <source>What the platform allows this account, for every client together.</source>
        <translation>Was die Plattform diesem Konto erlaubt, für alle Clients zusammen.</translation>
    </message>
    <message>
        <source>What this monitor spends: the window and the command-line tool on this computer together. A third of the account by default, so that other operators and the platform&apos;s own clients keep the rest; after a 429 it is halved for a while.</source>
        <translation>Was dieser Monitor verbraucht: das Fenster und das Kommandozeilenwerkzeug auf diesem Rechner zusammen. Standardmäßig ein Drittel des Kontos, damit andere Operatoren und die eigenen Clients der Plattform den Rest behalten; nach einem 429 wird es eine Weile halbiert.</translation>
    </message>
    <message>
        <source>Account&apos;s &amp;limit:</source>
        <translation>&amp;Limit des Kontos:</translation>
    </message>
    <message>
        <source>This monitor&apos;s &amp;share:</source>
        <translation>&amp;Anteil dieses Monitors:</translation>
    </message>
    <message>
        <source>Read-only (no cancels from this machine)</source>
        <translation>Schreibgeschützt (keine Abbrüche von diesem Rechner)</translation>
    </message>
</context>
<context>
    <name>Alchemyst::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>The desktop did not show the notification: %1</source>
        <translation>Die Arbeitsumgebung hat die Benachrichtigung nicht angezeigt: %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::DetailsDock</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Job Details</source>
        <translation>Job-Details</translation>
    </message>
    <message>
        <source>Select a job in the table to see everything about it: its times, the whole failure reason, its data and its result.</source>
        <translation>Wählen Sie einen Job in der Tabelle, um alles über ihn zu sehen: seine Zeiten, den ganzen Fehlergrund, seine Daten und sein Ergebnis.</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>Versuche:</translation>
    </message>
    <message>
        <source>Times:</source>
        <translation>Zeiten:</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Fehlergrund</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <source>Copy ID</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No job selected</source>
        <translation>Kein Job ausgewählt</translation>
    </message>
    <message>
        <source>Job %1 (no longer listed)</source>
        <translation>Job %1 (nicht mehr gelistet)</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Seen %1 since: %2</source>
        <translation>%1 gesehen seit: %2</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Beendet: %1</translation>
    </message>
    <message>
        <source>Queued for: at least %1 (as seen by this app; the API gives no creation time)</source>
        <translation>In der Warteschlange seit: mindestens %1 (wie von diesem Programm gesehen; die API nennt keine Erstellungszeit)</translation>
    </message>
    <message>
        <source>Running for: %1</source>
        <translation>Läuft seit: %1</translation>
    </message>
    <message>
        <source>Took: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>⚠ Stuck: %1</source>
        <translation>⚠ Hängt: %1</translation>
    </message>
    <message>
        <source>The server gave no times for this job.</source>
        <translation>Der Server hat für diesen Job keine Zeiten angegeben.</translation>
    </message>
    <message>
        <source>(cut by the list; the single-job answer has the whole text)</source>
        <translation>(von der Liste gekürzt; die Antwort zum einzelnen Job enthält den ganzen Text)</translation>
    </message>
    <message>
        <source>No failure reason.</source>
        <translation>Kein Fehlergrund.</translation>
    </message>
    <message>
        <source>The job&apos;s data arrives with the next refresh.</source>
        <translation>Die Daten des Jobs kommen mit der nächsten Aktualisierung.</translation>
    </message>
    <message>
        <source>Could not fetch the job: %1</source>
        <translation>Der Job konnte nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>No result (the server gives one for completed jobs).</source>
        <translation>Kein Ergebnis (der Server liefert eines für erledigte Jobs).</translation>
    </message>
    <message>
        <source>Observed timeline</source>
        <translation>Beobachteter Verlauf</translation>
    </message>
    <message>
        <source>Seen:</source>
        <translation>Gesehen:</translation>
    </message>
    <message>
        <source>No history is kept here.</source>
        <translation>Hier wird kein Verlauf geführt.</translation>
    </message>
    <message>
        <source>%1  no longer listed (was %2)</source>
        <translation>%1  nicht mehr gelistet (war %2)</translation>
    </message>
    <message>
        <source>%1  first seen %2</source>
        <translation>%1  zuerst gesehen: %2</translation>
    </message>
    <message>
        <source>%1  %2 → %3</source>
        <translation>%1  %2 → %3</translation>
    </message>
    <message>
        <source>started %1 (processedOn)</source>
        <translation>gestartet %1 (processedOn)</translation>
    </message>
    <message>
        <source>finished %1 (finishedOn)</source>
        <translation>beendet %1 (finishedOn)</translation>
    </message>
    <message>
        <source>No change of it seen yet: the timeline starts with the next one.</source>
        <translation>Noch keine Änderung gesehen: Der Verlauf beginnt mit der nächsten.</translation>
    </message>
    <message>
        <source>Place in the queue</source>
        <translation>Platz in der Warteschlange</translation>
    </message>
    <message>
        <source>In queue:</source>
        <translation>In der Warteschlange:</translation>
    </message>
    <message>
        <source>Only the first %1 KiB of this job&apos;s data are kept from the list.</source>
        <translation>Von den Daten dieses Jobs werden aus der Liste nur die ersten %1 KiB behalten.</translation>
    </message>
    <message>
        <source>The full data could not be loaded: %1</source>
        <translation>Die vollständigen Daten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer for this job carries no data.</source>
        <translation>Die Antwort des Servers für diesen Job enthält keine Daten.</translation>
    </message>
    <message>
        <source>Loading full data…</source>
        <translation>Vollständige Daten werden geladen…</translation>
    </message>
</context>
<context>
    <name>Alchemyst::EnvironmentBadge</name>
    <message>
        <source>Connected environment</source>
        <translation>Verbundene Umgebung</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>DEMO · simulator</source>
        <translation>DEMO · Simulator</translation>
    </message>
    <message>
        <source>PRODUCTION · %1</source>
        <translation>PRODUKTION · %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::EnvironmentController</name>
    <message>
        <source>%1 (production)</source>
        <translation>%1 (Produktion)</translation>
    </message>
    <message>
        <source>Add environment…</source>
        <translation>Umgebung hinzufügen…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>The built-in simulator could not listen on 127.0.0.1.</source>
        <translation>Der eingebaute Simulator konnte nicht auf 127.0.0.1 lauschen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot connect.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Keine Verbindung möglich.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No API key&lt;/b&gt; is stored for %1. &lt;a href=&quot;key&quot;&gt;Enter the key…&lt;/a&gt; (or start with ALCHEMYST_AI_API_KEY set).</source>
        <translation>Für %1 ist &lt;b&gt;kein API-Schlüssel&lt;/b&gt; gespeichert. &lt;a href=&quot;key&quot;&gt;Schlüssel eingeben…&lt;/a&gt; (oder mit gesetztem ALCHEMYST_AI_API_KEY starten).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keychain unavailable.&lt;/b&gt; %1 &lt;a href=&quot;key&quot;&gt;Enter a key for this session only…&lt;/a&gt;</source>
        <translation>&lt;b&gt;Schlüsselbund nicht verfügbar.&lt;/b&gt; %1 &lt;a href=&quot;key&quot;&gt;Einen Schlüssel nur für diese Sitzung eingeben…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Environment not saved</source>
        <translation>Umgebung nicht gespeichert</translation>
    </message>
    <message>
        <source>&lt;b&gt;The key is used for this session only:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Der Schlüssel gilt nur für diese Sitzung:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Enter a new API key</source>
        <translation>Neuen API-Schlüssel eingeben</translation>
    </message>
    <message>
        <source>Enter the API key for %1.</source>
        <translation>Geben Sie den API-Schlüssel für %1 ein.</translation>
    </message>
    <message>
        <source>Use the same API key?</source>
        <translation>Denselben API-Schlüssel verwenden?</translation>
    </message>
    <message>
        <source>The base URL of %1 changed from %2 to %3.

Send the API key used for %2 to %3 as well?</source>
        <translation>Die Basis-URL von %1 hat sich von %2 zu %3 geändert.

Den für %2 verwendeten API-Schlüssel auch an %3 senden?</translation>
    </message>
    <message>
        <source>Remove environment</source>
        <translation>Umgebung entfernen</translation>
    </message>
    <message>
        <source>Remove the environment &quot;%1&quot; (%2) and delete its API key from the system keychain?

To use it again you will need to add it and enter the key again.</source>
        <translation>Die Umgebung „%1“ (%2) entfernen und ihren API-Schlüssel aus dem Schlüsselbund des Systems löschen?

Um sie wieder zu verwenden, müssen Sie sie neu hinzufügen und den Schlüssel erneut eingeben.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Environment not removed</source>
        <translation>Umgebung nicht entfernt</translation>
    </message>
    <message>
        <source>The API key of &quot;%1&quot; could not be removed from the keychain, so the environment was kept. Try again when the keychain is available.</source>
        <translation>Der API-Schlüssel von „%1“ konnte nicht aus dem Schlüsselbund entfernt werden, daher wurde die Umgebung behalten. Versuchen Sie es erneut, wenn der Schlüsselbund verfügbar ist.</translation>
    </message>
    <message>
        <source>The API key of &quot;%1&quot; was removed from the keychain, but the environment could not be removed.</source>
        <translation>Der API-Schlüssel von „%1“ wurde aus dem Schlüsselbund entfernt, aber die Umgebung konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Environment &quot;%1&quot; and its API key were removed.</source>
        <translation>Die Umgebung „%1“ und ihr API-Schlüssel wurden entfernt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keychain locked.&lt;/b&gt; %1 &lt;a href=&quot;key&quot;&gt;Enter a key for this session only…&lt;/a&gt;</source>
        <translation>&lt;b&gt;Schlüsselbund gesperrt.&lt;/b&gt; %1 &lt;a href=&quot;key&quot;&gt;Einen Schlüssel nur für diese Sitzung eingeben…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Switch to production?</source>
        <translation>Zur Produktion wechseln?</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a production environment (%2).

Show its jobs? Cancels there act on real work.</source>
        <translation>„%1“ ist eine Produktionsumgebung (%2).

Ihre Jobs anzeigen? Abbrüche dort betreffen echte Arbeit.</translation>
    </message>
    <message>
        <source>The arrow keys step through the environments. Open the list (Alt+Down) and press Enter to switch without this question.</source>
        <translation>Die Pfeiltasten gehen die Umgebungen durch. Öffnen Sie die Liste (Alt+Unten) und drücken Sie die Eingabetaste, um ohne diese Frage zu wechseln.</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Bleiben</translation>
    </message>
    <message>
        <source>Stay on %1</source>
        <translation>Bei %1 bleiben</translation>
    </message>
    <message>
        <source>Switch to Production</source>
        <translation>Zur Produktion wechseln</translation>
    </message>
</context>
<context>
    <name>Alchemyst::EnvironmentStore</name>
    <message>
        <source>The base URL &quot;%1&quot; is not a valid URL; give it as https://host or https://host:port.</source>
        <translation>Die Basis-URL „%1“ ist keine gültige URL; geben Sie sie als https://host oder https://host:port an.</translation>
    </message>
    <message>
        <source>Demo (local simulator)</source>
        <translation>Demo (lokaler Simulator)</translation>
    </message>
    <message>
        <source>it is not a valid settings file</source>
        <translation>sie ist keine gültige Einstellungsdatei</translation>
    </message>
    <message>
        <source>it cannot be read or written (permissions, disk full, or not a file)</source>
        <translation>sie kann nicht gelesen oder geschrieben werden (Rechte, Datenträger voll oder keine Datei)</translation>
    </message>
    <message>
        <source>The settings folder %1 cannot be created.</source>
        <translation>Der Einstellungsordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The settings file %1 is being changed by another Alchemyst process; try again.</source>
        <translation>Die Einstellungsdatei %1 wird gerade von einem anderen Alchemyst-Prozess geändert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The settings in %1 cannot be changed: the lock file cannot be created there.</source>
        <translation>Die Einstellungen in %1 können nicht geändert werden: Die Sperrdatei kann dort nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The settings file %1 was not changed: %2.</source>
        <translation>Die Einstellungsdatei %1 wurde nicht geändert: %2.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written: %2.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is reserved for the built-in demo; choose another name.</source>
        <translation>„%1“ ist für die eingebaute Demo reserviert; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>An environment named &quot;%1&quot; already exists (%2).</source>
        <translation>Eine Umgebung namens „%1“ gibt es bereits (%2).</translation>
    </message>
    <message>
        <source>The account&apos;s limit must be between 1 and %1 requests a minute.</source>
        <translation>Das Limit des Kontos muss zwischen 1 und %1 Anfragen pro Minute liegen.</translation>
    </message>
    <message>
        <source>This monitor&apos;s share must be at least 1 request a minute.</source>
        <translation>Der Anteil dieses Monitors muss mindestens 1 Anfrage pro Minute betragen.</translation>
    </message>
    <message>
        <source>This monitor&apos;s share (%1 a minute) cannot be more than the account&apos;s limit (%2 a minute).</source>
        <translation>Der Anteil dieses Monitors (%1 pro Minute) kann nicht größer sein als das Limit des Kontos (%2 pro Minute).</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ExportFeedback</name>
    <message numerus="yes">
        <source>Exported %Ln job(s) to %1.</source>
        <translation>
            <numerusform>%Ln Job nach %1 exportiert.</numerusform>
            <numerusform>%Ln Jobs nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The table shows no jobs, so there is nothing to export. Choose another state or clear the search, then export again.</source>
        <translation>Die Tabelle zeigt keine Jobs, also gibt es nichts zu exportieren. Wählen Sie einen anderen Zustand oder leeren Sie die Suche und exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Nichts zu exportieren</translation>
    </message>
    <message>
        <source>Export Visible Jobs</source>
        <translation>Sichtbare Jobs exportieren</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ExportRows</name>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV-Dateien (*.csv);;JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>JSON files (*.json);;CSV files (*.csv)</source>
        <translation>JSON-Dateien (*.json);;CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export Visible Jobs</source>
        <translation>Sichtbare Jobs exportieren</translation>
    </message>
</context>
<context>
    <name>Alchemyst::FailuresPanel</name>
    <message>
        <source>No failed jobs.</source>
        <translation>Keine fehlgeschlagenen Jobs.</translation>
    </message>
    <message>
        <source>By reason; choose one to list only those failures:</source>
        <translation>Nach Grund; wählen Sie einen, um nur diese Fehlschläge zu listen:</translation>
    </message>
    <message>
        <source>All failures (%1)</source>
        <translation>Alle Fehlschläge (%1)</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>(kein Grund angegeben)</translation>
    </message>
    <message numerus="yes">
        <source>    %n variant(s), differing only in numbers or names</source>
        <translation>
            <numerusform>    %n Variante, nur in Zahlen oder Namen verschieden</numerusform>
            <numerusform>    %n Varianten, nur in Zahlen oder Namen verschieden</numerusform>
        </translation>
    </message>
    <message>
        <source>For example: %1</source>
        <translation>Zum Beispiel: %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::FirstSeenStore</name>
    <message>
        <source>Could not save the first-seen times to %1: %2</source>
        <translation>Die Zeiten der ersten Sichtung konnten nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>der Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Could not read the first-seen times from %1: %2</source>
        <translation>Die Zeiten der ersten Sichtung konnten nicht aus %1 gelesen werden: %2</translation>
    </message>
    <message>
        <source>it is not a first-seen file</source>
        <translation>sie ist keine Datei mit Zeiten der ersten Sichtung</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>sie ist beschädigt</translation>
    </message>
    <message>
        <source>its lock file %1 cannot be opened: %2</source>
        <translation>seine Sperrdatei %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>its lock file %1 cannot be locked: %2</source>
        <translation>seine Sperrdatei %1 kann nicht gesperrt werden: %2</translation>
    </message>
    <message>
        <source>another process kept it locked for %1 seconds</source>
        <translation>ein anderer Prozess hielt sie %1 Sekunden lang gesperrt</translation>
    </message>
    <message>
        <source>it was written by a newer version of the program (file version %1)</source>
        <translation>sie wurde von einer neueren Version des Programms geschrieben (Dateiversion %1)</translation>
    </message>
    <message>
        <source>the file there could not be read or moved aside when it was loaded, and is kept as it is</source>
        <translation>die Datei dort konnte beim Laden weder gelesen noch beiseitegelegt werden und bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>the file there cannot be read to merge with (%1)</source>
        <translation>die Datei dort kann zum Zusammenführen nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>%1 meanwhile; it is left as it is and these sightings are not saved</source>
        <translation>%1 inzwischen; sie bleibt, wie sie ist, und diese Sichtungen werden nicht gespeichert</translation>
    </message>
    <message>
        <source>the file there is damaged and cannot be moved aside (%1)</source>
        <translation>die Datei dort ist beschädigt und kann nicht beiseitegelegt werden (%1)</translation>
    </message>
    <message>
        <source>The first-seen file %1 was damaged (%2); it was kept as %3 and written anew.</source>
        <translation>Die Datei der ersten Sichtungen %1 war beschädigt (%2); sie wurde als %3 aufbewahrt und neu geschrieben.</translation>
    </message>
    <message>
        <source>%1; it is kept as it is (%2)</source>
        <translation>%1; sie bleibt, wie sie ist (%2)</translation>
    </message>
    <message>
        <source>%1; another process has replaced it since</source>
        <translation>%1; ein anderer Prozess hat sie inzwischen ersetzt</translation>
    </message>
    <message>
        <source>%1; it cannot be moved aside (%2) and is kept as it is</source>
        <translation>%1; sie kann nicht beiseitegelegt werden (%2) und bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>%1; it was kept as %2 and the first sightings start again</source>
        <translation>%1; sie wurde als %2 aufbewahrt, und die ersten Sichtungen beginnen von vorn</translation>
    </message>
</context>
<context>
    <name>Alchemyst::Forecast</name>
    <message>
        <source>less than a minute</source>
        <translation>weniger als einer Minute</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>etwa %1 min</translation>
    </message>
    <message>
        <source>about %1 h</source>
        <translation>etwa %1 h</translation>
    </message>
    <message>
        <source>about %1 days</source>
        <translation>etwa %1 Tagen</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>unter einer Minute</translation>
    </message>
    <message>
        <source>~%1 min</source>
        <translation>~%1 min</translation>
    </message>
    <message>
        <source>~%1 h</source>
        <translation>~%1 h</translation>
    </message>
    <message>
        <source>~%1 days</source>
        <translation>~%1 Tage</translation>
    </message>
    <message>
        <source>No forecast yet: no pass has been recorded.</source>
        <translation>Noch keine Prognose: Es wurde noch kein Durchlauf aufgezeichnet.</translation>
    </message>
    <message>
        <source>Idle: nothing waiting, %1 completed a minute</source>
        <translation>Leerlauf: nichts wartet, %1 abgeschlossen pro Minute</translation>
    </message>
    <message>
        <source>Stalled: nothing completed in %1 min while %2 wait</source>
        <translation>Stillstand: nichts abgeschlossen in %1 min, während %2 warten</translation>
    </message>
    <message>
        <source>No forecast yet: nothing completed in the %1 min watched so far while %2 wait</source>
        <translation>Noch keine Prognose: nichts abgeschlossen in den bisher beobachteten %1 min, während %2 warten</translation>
    </message>
    <message>
        <source>No forecast yet: %1 waiting, watching for a few minutes</source>
        <translation>Noch keine Prognose: %1 wartend, einige Minuten wird beobachtet</translation>
    </message>
    <message>
        <source>Growing: +%1 a minute — %2 waiting, %3 completed a minute</source>
        <translation>Wachsend: +%1 pro Minute — %2 wartend, %3 abgeschlossen pro Minute</translation>
    </message>
    <message>
        <source>Holding: %1 waiting, %2 completed a minute and about as many arriving</source>
        <translation>Gleichbleibend: %1 wartend, %2 abgeschlossen pro Minute und etwa ebenso viele neu</translation>
    </message>
    <message>
        <source>Draining: %1 waiting, %2 completed a minute — clears in %3</source>
        <translation>Abbauend: %1 wartend, %2 abgeschlossen pro Minute — leer in %3</translation>
    </message>
    <message>
        <source>its place in the waiting list is not known yet</source>
        <translation>sein Platz in der Warteschlange ist noch nicht bekannt</translation>
    </message>
    <message>
        <source>next in line</source>
        <translation>als Nächster an der Reihe</translation>
    </message>
    <message>
        <source>about %1 ahead of it</source>
        <translation>etwa %1 vor ihm</translation>
    </message>
    <message>
        <source>%1 — no start time while nothing completes</source>
        <translation>%1 — keine Startzeit, solange nichts abgeschlossen wird</translation>
    </message>
    <message>
        <source>%1 — starts in %2</source>
        <translation>%1 — beginnt in %2</translation>
    </message>
</context>
<context>
    <name>Alchemyst::HistoryStore</name>
    <message>
        <source>The history %1 could not be opened: its folder could not be created. Nothing will be recorded.</source>
        <translation>Der Verlauf %1 konnte nicht geöffnet werden: Sein Ordner konnte nicht angelegt werden. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>The history %1 could not be opened: %2. Nothing will be recorded.</source>
        <translation>Der Verlauf %1 konnte nicht geöffnet werden: %2. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>The history %1 cannot be used (%2) and could not be moved aside: %3. It was left as it is and nothing will be recorded.</source>
        <translation>Der Verlauf %1 ist nicht verwendbar (%2) und konnte nicht beiseitegelegt werden: %3. Er bleibt, wie er ist, und nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>The history %1 was written by a newer version of this app (schema %2; this one knows %3). It was kept aside as %4 and a new history was started.</source>
        <translation>Der Verlauf %1 wurde von einer neueren Version dieser App geschrieben (Schema %2; diese kennt %3). Er wurde als %4 beiseitegelegt, und ein neuer Verlauf wurde begonnen.</translation>
    </message>
    <message>
        <source>The history %1 was damaged (%2). It was kept aside as %3 and a new history was started.</source>
        <translation>Der Verlauf %1 war beschädigt (%2). Er wurde als %3 beiseitegelegt, und ein neuer Verlauf wurde begonnen.</translation>
    </message>
    <message>
        <source>The new one could not be opened either: %1. Nothing will be recorded.</source>
        <translation>Auch der neue konnte nicht geöffnet werden: %1. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>The history %1 could not be created: %2. Nothing will be recorded.</source>
        <translation>Der Verlauf %1 konnte nicht angelegt werden: %2. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>The history cannot be kept: Qt&apos;s SQLite driver (QSQLITE) is not installed. Nothing will be recorded.</source>
        <translation>Der Verlauf kann nicht geführt werden: Qts SQLite-Treiber (QSQLITE) ist nicht installiert. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>it is not a database</source>
        <translation>er ist keine Datenbank</translation>
    </message>
    <message>
        <source>The history %1 could not be read: %2. Nothing will be recorded.</source>
        <translation>Der Verlauf %1 konnte nicht gelesen werden: %2. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>a newer schema</source>
        <translation>ein neueres Schema</translation>
    </message>
    <message>
        <source>it holds tables of another program</source>
        <translation>er enthält Tabellen eines anderen Programms</translation>
    </message>
    <message>
        <source>its schema could not be read: %1</source>
        <translation>sein Schema konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>its check could not run: %1</source>
        <translation>seine Prüfung konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>its check found: %1</source>
        <translation>seine Prüfung ergab: %1</translation>
    </message>
    <message>
        <source>The history %1 could not be set up: %2. Nothing will be recorded.</source>
        <translation>Der Verlauf %1 konnte nicht eingerichtet werden: %2. Nichts wird aufgezeichnet.</translation>
    </message>
    <message>
        <source>The history could not be recorded: the disk holding %1 is full (or the history reached its size limit). Recording has stopped; the listing goes on. Free some space, then retry.</source>
        <translation>Der Verlauf konnte nicht aufgezeichnet werden: Der Datenträger mit %1 ist voll (oder der Verlauf hat seine Größengrenze erreicht). Die Aufzeichnung ist beendet; die Auflistung geht weiter. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The history could not be recorded: another program kept %1 locked for more than %2 seconds. Recording has stopped; the listing goes on.</source>
        <translation>Der Verlauf konnte nicht aufgezeichnet werden: Ein anderes Programm hielt %1 länger als %2 Sekunden gesperrt. Die Aufzeichnung ist beendet; die Auflistung geht weiter.</translation>
    </message>
    <message>
        <source>The history %1 is damaged (%2). Recording has stopped; the listing goes on. On the next start the file is kept aside and a new one started.</source>
        <translation>Der Verlauf %1 ist beschädigt (%2). Die Aufzeichnung ist beendet; die Auflistung geht weiter. Beim nächsten Start wird die Datei beiseitegelegt und eine neue begonnen.</translation>
    </message>
    <message>
        <source>The history could not be recorded in %1: %2. Recording has stopped; the listing goes on.</source>
        <translation>Der Verlauf konnte nicht in %1 aufgezeichnet werden: %2. Die Aufzeichnung ist beendet; die Auflistung geht weiter.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::JobModel</name>
    <message>
        <source>in the future</source>
        <translation>in der Zukunft</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>vor %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Stuck: %1. Over the threshold for %2 jobs.</source>
        <translation>Hängt: %1. Über der Schwelle für Jobs im Status %2.</translation>
    </message>
    <message>
        <source>The API gives no time for waiting jobs: this is how long this app has seen it in this state.</source>
        <translation>Die API nennt für wartende Jobs keine Zeit: So lange hat dieses Programm ihn in diesem Status gesehen.</translation>
    </message>
    <message>
        <source>Running for %1 min: it may be stuck.</source>
        <translation>Läuft seit %1 min: Er hängt vielleicht.</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>File / Source</source>
        <translation>Datei / Quelle</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Started (%1)</source>
        <translation>Gestartet (%1)</translation>
    </message>
    <message>
        <source>Finished (%1)</source>
        <translation>Beendet (%1)</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Fehlergrund</translation>
    </message>
    <message>
        <source>State on the server: %1</source>
        <translation>Zustand auf dem Server: %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Von %1 bis %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>New since you last looked</source>
        <translation>Neu seit Ihrem letzten Blick</translation>
    </message>
    <message>
        <source>State changed in a recent refresh</source>
        <translation>Zustand bei einer der letzten Aktualisierungen geändert</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Job %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::JobMonitor</name>
    <message>
        <source>Rate limited: waiting %1 s as the server asked</source>
        <translation>Ratenbegrenzung: Warte %1 s, wie vom Server verlangt</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1: trying again in %2 s (retry %3 of %4)</source>
        <translation>%1: Neuer Versuch in %2 s (Wiederholung %3 von %4)</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <comment>an age in seconds</comment>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <comment>an age in minutes</comment>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <comment>an age in hours</comment>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <comment>an age in days</comment>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>no list read yet</source>
        <translation>noch keine Liste gelesen</translation>
    </message>
    <message>
        <source>changes %1 · no full list yet</source>
        <comment>the status bar: how fresh the list is</comment>
        <translation>Änderungen %1 · noch keine vollständige Liste</translation>
    </message>
    <message>
        <source>changes %1 · full list %2</source>
        <comment>the status bar: how fresh the changes and the whole list are</comment>
        <translation>Änderungen %1 · vollständige Liste %2</translation>
    </message>
</context>
<context>
    <name>Alchemyst::JobSession</name>
    <message>
        <source>as of %1, refreshing…</source>
        <translation>Stand %1, wird aktualisiert…</translation>
    </message>
</context>
<context>
    <name>Alchemyst::JobTableWidget</name>
    <message>
        <source>Filter jobs by state</source>
        <translation>Jobs nach Status filtern</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Search jobs</source>
        <translation>Jobs suchen</translation>
    </message>
    <message>
        <source>Cancel Job</source>
        <translation>Job abbrechen</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>Copy Job ID</source>
        <translation>Job-ID kopieren</translation>
    </message>
    <message>
        <source>Refresh This Job</source>
        <translation>Diesen Job aktualisieren</translation>
    </message>
    <message>
        <source>Search job id, file, source or failure reason (%1)</source>
        <translation>Job-ID, Datei, Quelle oder Fehlergrund suchen (%1)</translation>
    </message>
    <message>
        <source>Filters the table by job id, file name, source or failure reason</source>
        <translation>Filtert die Tabelle nach Job-ID, Dateiname, Quelle oder Fehlergrund</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Reset Columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
    <message>
        <source>The columns and widths this state shows by default</source>
        <translation>Die Spalten und Breiten, die dieser Zustand standardmäßig zeigt</translation>
    </message>
</context>
<context>
    <name>Alchemyst::JournalView</name>
    <message>
        <source>Cancel Journal</source>
        <translation>Abbruchprotokoll</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>Since:</source>
        <translation>Seit:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>State before</source>
        <translation>Status vorher</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <source>Export Cancel Journal</source>
        <translation>Abbruchprotokoll exportieren</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) shown.</source>
        <translation>
            <numerusform>%n Eintrag angezeigt.</numerusform>
            <numerusform>%n Einträge angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable line(s) skipped.</source>
        <translation>
            <numerusform>%n unlesbare Zeile übersprungen.</numerusform>
            <numerusform>%n unlesbare Zeilen übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal could not be read: %1</source>
        <translation>Das Protokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>sent, answer unknown</source>
        <translation>gesendet, Antwort unbekannt</translation>
    </message>
    <message>
        <source>Reading the journal…</source>
        <translation>Das Protokoll wird gelesen…</translation>
    </message>
</context>
<context>
    <name>Alchemyst::KeyResolver</name>
    <message>
        <source>%1 is set but was not used: it belongs to %2 (%3 is unset: the default server), not to %4. To use it here, set %3=%4.</source>
        <translation>%1 ist gesetzt, wurde aber nicht verwendet: Es gehört zu %2 (%3 ist nicht gesetzt: der Standardserver), nicht zu %4. Um es hier zu verwenden, setzen Sie %3=%4.</translation>
    </message>
    <message>
        <source>%1 is set but was not used: it belongs to %2 (%3), not to %4. To use it here, set %3=%4.</source>
        <translation>%1 ist gesetzt, wurde aber nicht verwendet: Es gehört zu %2 (%3), nicht zu %4. Um es hier zu verwenden, setzen Sie %3=%4.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::LastListStore</name>
    <message>
        <source>The last list could not be saved to %1: %2</source>
        <translation>Die letzte Liste konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>it is not a saved job list</source>
        <translation>es ist keine gespeicherte Jobliste</translation>
    </message>
    <message>
        <source>it was written by another version of the app (format %1)</source>
        <translation>sie wurde von einer anderen Version der App geschrieben (Format %1)</translation>
    </message>
    <message>
        <source>it is damaged (its checksum does not match)</source>
        <translation>sie ist beschädigt (ihre Prüfsumme stimmt nicht)</translation>
    </message>
    <message>
        <source>it is damaged (a job count of %1)</source>
        <translation>sie ist beschädigt (eine Jobanzahl von %1)</translation>
    </message>
    <message>
        <source>it is damaged (it ends too early)</source>
        <translation>sie ist beschädigt (sie endet zu früh)</translation>
    </message>
    <message>
        <source>The last list %1 could not be read: %2</source>
        <translation>Die letzte Liste %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The last list %1 was not shown: %2.</source>
        <translation>Die letzte Liste %1 wurde nicht angezeigt: %2.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::LicencesDialog</name>
    <message>
        <source>This application (MIT)</source>
        <translation>Diese Anwendung (MIT)</translation>
    </message>
    <message>
        <source>Qt (LGPL-3.0)</source>
        <translation>Qt (LGPL-3.0)</translation>
    </message>
    <message>
        <source>QtKeychain (BSD)</source>
        <translation>QtKeychain (BSD)</translation>
    </message>
    <message>
        <source>Version %1 (commit %2, released %3). Built with Qt %4, running on Qt %5.</source>
        <translation>Version %1 (Commit %2, veröffentlicht am %3). Erstellt mit Qt %4, läuft auf Qt %5.</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Über %1</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;Triage Alchemyst AI context-add ingestion jobs: list, filter and search them, see which are stuck and why jobs failed, and cancel the ones still waiting.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Licence: MIT. It uses Qt (LGPL-3.0) and QtKeychain (BSD): see Help → Third-Party Licences.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://getalchemystai.com&quot;&gt;getalchemystai.com&lt;/a&gt; · &lt;a href=&quot;https://getalchemystai.com/docs&quot;&gt;API documentation&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;Sichtung der Context-Add-Ingestion-Jobs von Alchemyst AI: Listen, filtern und durchsuchen Sie sie, sehen Sie, welche hängen und warum Jobs fehlschlugen, und brechen Sie die noch wartenden ab.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Lizenz: MIT. Verwendet Qt (LGPL-3.0) und QtKeychain (BSD): siehe Hilfe → Lizenzen Dritter.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;https://getalchemystai.com&quot;&gt;getalchemystai.com&lt;/a&gt; · &lt;a href=&quot;https://getalchemystai.com/docs&quot;&gt;API-Dokumentation&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Third-Party &amp;Licences…</source>
        <translation>&amp;Lizenzen Dritter…</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Copy &amp;Version Information</source>
        <translation>&amp;Versionsinformationen kopieren</translation>
    </message>
    <message>
        <source>Copies the version, commit, Qt and system details for a bug report</source>
        <translation>Kopiert Version, Commit, Qt- und Systemangaben für einen Fehlerbericht</translation>
    </message>
</context>
<context>
    <name>Alchemyst::MainWindow</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh</source>
        <translation>A&amp;utomatisch</translation>
    </message>
    <message>
        <source>Refresh the list periodically; uncheck to pause</source>
        <translation>Die Liste regelmäßig aktualisieren; abwählen zum Pausieren</translation>
    </message>
    <message>
        <source>&amp;Stop Loading</source>
        <translation>Laden &amp;stoppen</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>Job a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add Environment…</source>
        <translation>Umgebung &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>E&amp;xport Visible Jobs…</source>
        <translation>Sichtbare Jobs e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Edit Environment…</source>
        <translation>Umgebung b&amp;earbeiten…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Jobs</translation>
    </message>
    <message>
        <source>Cancel &amp;Journal…</source>
        <translation>Abbruch&amp;protokoll…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Erscheinungsbild</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Choose an environment</source>
        <translation>Wählen Sie eine Umgebung</translation>
    </message>
    <message>
        <source>every </source>
        <translation>alle </translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Auto-refresh interval. With many jobs it is stretched to stay within a third of the platform&apos;s 1000 requests a minute.</source>
        <translation>Intervall der automatischen Aktualisierung. Bei vielen Jobs wird es gestreckt, um innerhalb eines Drittels der 1000 Anfragen pro Minute der Plattform zu bleiben.</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Not connected.
Add an environment (File → Add Environment…) or choose the demo.</source>
        <translation>Nicht verbunden.
Fügen Sie eine Umgebung hinzu (Datei → Umgebung hinzufügen…) oder wählen Sie die Demo.</translation>
    </message>
    <message>
        <source>No jobs match the filter.</source>
        <translation>Keine Jobs passen zum Filter.</translation>
    </message>
    <message>
        <source>Loading jobs from %1…</source>
        <translation>Jobs von %1 werden geladen…</translation>
    </message>
    <message>
        <source>No context-add jobs on %1.</source>
        <translation>Keine Context-Add-Jobs auf %1.</translation>
    </message>
    <message>
        <source>No jobs to show. See the message above.</source>
        <translation>Keine Jobs anzuzeigen. Siehe die Meldung oben.</translation>
    </message>
    <message>
        <source>Refresh the job list now (%1)</source>
        <translation>Die Jobliste jetzt aktualisieren (%1)</translation>
    </message>
    <message>
        <source>Stop reading the job list; what was read stays (%1)</source>
        <translation>Das Lesen der Jobliste beenden; was gelesen wurde, bleibt (%1)</translation>
    </message>
    <message>
        <source>&amp;Remove Environment…</source>
        <translation>Umgebung en&amp;tfernen…</translation>
    </message>
    <message>
        <source>Show Times in &amp;UTC</source>
        <translation>Zeiten in &amp;UTC anzeigen</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>The server whose jobs the window shows</source>
        <translation>Der Server, dessen Jobs das Fenster zeigt</translation>
    </message>
    <message>
        <source>Auto-refresh interval in seconds</source>
        <translation>Intervall der automatischen Aktualisierung in Sekunden</translation>
    </message>
    <message>
        <source>&amp;States</source>
        <translation>&amp;Zustände</translation>
    </message>
    <message>
        <source>PRODUCTION — %1 (%2) — %3</source>
        <translation>PRODUKTION — %1 (%2) — %3</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Copy Job &amp;ID</source>
        <translation>Job-&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Copy for a &amp;Ticket</source>
        <translation>Für ein &amp;Ticket kopieren</translation>
    </message>
    <message>
        <source>Copy the selected jobs as a Markdown table, for a support ticket</source>
        <translation>Die ausgewählten Jobs als Markdown-Tabelle kopieren, für ein Support-Ticket</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Select the jobs to copy first.</source>
        <translation>Wählen Sie zuerst die zu kopierenden Jobs aus.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln job(s) as Markdown.</source>
        <translation>
            <numerusform>%Ln Job als Markdown kopiert.</numerusform>
            <numerusform>%Ln Jobs als Markdown kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tool&amp;bar</source>
        <translation>&amp;Werkzeugleiste</translation>
    </message>
</context>
<context>
    <name>Alchemyst::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>With many jobs the interval is stretched to stay within a third of the account&apos;s request budget.</source>
        <translation>Bei vielen Jobs wird das Intervall gestreckt, um innerhalb eines Drittels des Anfragebudgets des Kontos zu bleiben.</translation>
    </message>
    <message>
        <source>&amp;Refresh every:</source>
        <translation>&amp;Aktualisieren alle:</translation>
    </message>
    <message>
        <source>Stuck jobs</source>
        <translation>Hängende Jobs</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Active for longer than:</source>
        <translation>&amp;Aktiv länger als:</translation>
    </message>
    <message>
        <source>&amp;Waiting or delayed for longer than:</source>
        <translation>&amp;Wartend oder verzögert länger als:</translation>
    </message>
    <message>
        <source>Stuck jobs on %1</source>
        <translation>Hängende Jobs auf %1</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>&amp;Notify about newly failed and stuck jobs</source>
        <translation>Über neu fehlgeschlagene und hängende Jobs &amp;benachrichtigen</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>Nach dem Schließen des Fensters im &amp;Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>This desktop has no system tray: notifications go to its notification service.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich: Benachrichtigungen gehen an ihren Benachrichtigungsdienst.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Dem System folgen</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>A&amp;ppearance:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <source>Show times as &amp;relative (&quot;12 min ago&quot;), the exact time in the tool tip</source>
        <translation>Zeiten &amp;relativ anzeigen („vor 12 min“), die genaue Zeit im Tooltip</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>Abbrechen von Jobs</translation>
    </message>
    <message>
        <source>&amp;Confirm every cancel (on production the name is always typed)</source>
        <translation>Jeden Abbruch &amp;bestätigen (in der Produktion wird der Name immer eingetippt)</translation>
    </message>
    <message>
        <source>No Undo</source>
        <translation>Kein Rückgängig</translation>
    </message>
    <message>
        <source>A single cancel off production waits this long with Undo before it is sent, unless it was confirmed.</source>
        <translation>Ein einzelner Abbruch außerhalb der Produktion wartet so lange mit „Rückgängig“, bevor er gesendet wird, sofern er nicht bestätigt wurde.</translation>
    </message>
    <message>
        <source>&amp;Undo time:</source>
        <translation>Zeit für &amp;Rückgängig:</translation>
    </message>
    <message>
        <source>Request budget</source>
        <translation>Anfragebudget</translation>
    </message>
    <message>
        <source>Refreshes take at most a third of the platform&apos;s %L1 requests a minute; cancels and other tools on the same key have the rest.</source>
        <translation>Aktualisierungen nehmen höchstens ein Drittel der %L1 Anfragen pro Minute der Plattform; Abbrüche und andere Werkzeuge mit demselben Schlüssel haben den Rest.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::PrivateFiles</name>
    <message>
        <source>the system gave no reason</source>
        <translation>das System nannte keinen Grund</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ProductionConfirmDialog</name>
    <message>
        <source>Cancel a job on production</source>
        <translation>Einen Job auf der Produktion abbrechen</translation>
    </message>
    <message>
        <source>You are about to cancel job &lt;b&gt;%1&lt;/b&gt; on the production environment &lt;b&gt;%2&lt;/b&gt;.&lt;br&gt;Type the environment name to confirm:</source>
        <translation>Sie sind dabei, den Job &lt;b&gt;%1&lt;/b&gt; auf der Produktionsumgebung &lt;b&gt;%2&lt;/b&gt; abzubrechen.&lt;br&gt;Geben Sie zur Bestätigung den Umgebungsnamen ein:</translation>
    </message>
    <message>
        <source>Cancel Job</source>
        <translation>Job abbrechen</translation>
    </message>
    <message>
        <source>Keep Job</source>
        <translation>Job behalten</translation>
    </message>
</context>
<context>
    <name>Alchemyst::RefreshTexts</name>
    <message>
        <source>Loading jobs…</source>
        <translation>Jobs werden geladen…</translation>
    </message>
    <message numerus="yes">
        <source>Loading %Ln job(s)… page %1</source>
        <translation>
            <numerusform>%Ln Job wird geladen… Seite %1</numerusform>
            <numerusform>%Ln Jobs werden geladen… Seite %1</numerusform>
        </translation>
    </message>
    <message>
        <source>STALE — last good refresh %1 (%2 s ago)</source>
        <translation>VERALTET — letzte erfolgreiche Aktualisierung %1 (vor %2 s)</translation>
    </message>
    <message>
        <source>Last refresh %1 (%2 s ago)</source>
        <translation>Letzte Aktualisierung %1 (vor %2 s)</translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation>Noch nicht aktualisiert</translation>
    </message>
    <message>
        <source>%1 (%2 s left)</source>
        <translation>%1 (noch %2 s)</translation>
    </message>
    <message>
        <source>auto-refresh paused</source>
        <translation>automatische Aktualisierung pausiert</translation>
    </message>
    <message>
        <source>next in %1 s</source>
        <translation>nächste in %1 s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s)</source>
        <translation>
            <numerusform>%Ln Job</numerusform>
            <numerusform>%Ln Jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Loading stopped.&lt;/b&gt; Showing the %n job(s) read so far; none was removed.</source>
        <translation>
            <numerusform>&lt;b&gt;Laden gestoppt.&lt;/b&gt; Der bisher gelesene %n Job wird angezeigt; keiner wurde entfernt.</numerusform>
            <numerusform>&lt;b&gt;Laden gestoppt.&lt;/b&gt; Die bisher gelesenen %n Jobs werden angezeigt; keiner wurde entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Refresh failed.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Aktualisierung fehlgeschlagen.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>(HTTP %1)</source>
        <translation>(HTTP %1)</translation>
    </message>
    <message>
        <source>Showing what was read so far; none was removed (stale).</source>
        <translation>Angezeigt wird, was bisher gelesen wurde; nichts wurde entfernt (veraltet).</translation>
    </message>
    <message>
        <source>Waiting %1 s before the next refresh, as the server asked.</source>
        <translation>Warte %1 s bis zur nächsten Aktualisierung, wie vom Server verlangt.</translation>
    </message>
    <message>
        <source>Enter a new key…</source>
        <translation>Neuen Schlüssel eingeben…</translation>
    </message>
    <message>
        <source>Load again</source>
        <translation>Erneut laden</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>%n list entries without a usable job id were skipped.</source>
        <translation>
            <numerusform>%n Listeneintrag ohne verwendbare Job-ID wurde übersprungen.</numerusform>
            <numerusform>%n Listeneinträge ohne verwendbare Job-ID wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;The server flagged its answer:&lt;/b&gt; %1 The jobs it listed are shown.</source>
        <translation>&lt;b&gt;Der Server hat seine Antwort markiert:&lt;/b&gt; %1 Die gelisteten Jobs werden angezeigt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;History is not being recorded.&lt;/b&gt; %1 The list still refreshes.</source>
        <translation>&lt;b&gt;Der Verlauf wird nicht aufgezeichnet.&lt;/b&gt; %1 Die Liste wird weiter aktualisiert.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>Alchemyst::SecretStore</name>
    <message>
        <source>No API key is stored in the keychain for this connection.</source>
        <translation>Für diese Verbindung ist kein API-Schlüssel im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>No system keychain is available: %1</source>
        <translation>Kein Schlüsselbund des Systems verfügbar: %1</translation>
    </message>
    <message>
        <source>The system keychain refused access (it may be locked): %1. Unlock it and try again.</source>
        <translation>Der Schlüsselbund des Systems hat den Zugriff verweigert (vielleicht ist er gesperrt): %1. Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The system keychain reported an error: %1</source>
        <translation>Der Schlüsselbund des Systems meldete einen Fehler: %1</translation>
    </message>
    <message>
        <source>No system keychain is available (%1): %2</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (%1): %2</translation>
    </message>
    <message>
        <source>install and start a Secret Service provider such as GNOME Keyring (gnome-keyring) or KWallet, make sure a D-Bus session is running, and unlock the keyring.</source>
        <translation>installieren und starten Sie einen Secret-Service-Anbieter wie GNOME Keyring (gnome-keyring) oder KWallet, sorgen Sie für eine laufende D-Bus-Sitzung und entsperren Sie den Schlüsselbund.</translation>
    </message>
    <message>
        <source>unlock the login keychain in Keychain Access.</source>
        <translation>entsperren Sie den Anmeldeschlüsselbund in der Schlüsselbundverwaltung.</translation>
    </message>
    <message>
        <source>make sure the Windows Credential Manager is available.</source>
        <translation>sorgen Sie dafür, dass die Windows-Anmeldeinformationsverwaltung verfügbar ist.</translation>
    </message>
    <message>
        <source>The keychain is locked. Unlock it (for example by logging in to the desktop, or with your keyring&apos;s unlock prompt) and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt. Entsperren Sie ihn (zum Beispiel durch Anmelden am Desktop oder über die Entsperrabfrage Ihres Schlüsselbunds) und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>Alchemyst::SingleInstance</name>
    <message>
        <source>Another instance (process %1) holds %2.</source>
        <translation>Eine andere Instanz (Prozess %1) hält %2.</translation>
    </message>
    <message>
        <source>Another instance holds %1.</source>
        <translation>Eine andere Instanz hält %1.</translation>
    </message>
    <message>
        <source>Cannot create %1: permission denied.</source>
        <translation>%1 kann nicht angelegt werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>Kann nicht auf %1 lauschen: %2</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>er existiert nicht</translation>
    </message>
    <message>
        <source>it is a symbolic link</source>
        <translation>er ist ein symbolischer Link</translation>
    </message>
    <message>
        <source>it is not a folder</source>
        <translation>er ist kein Ordner</translation>
    </message>
    <message>
        <source>it belongs to user %1</source>
        <translation>er gehört Benutzer %1</translation>
    </message>
    <message>
        <source>others may use it (mode %1)</source>
        <translation>andere dürfen ihn benutzen (Modus %1)</translation>
    </message>
    <message>
        <source>There is no folder for local application data.</source>
        <translation>Es gibt keinen Ordner für lokale Anwendungsdaten.</translation>
    </message>
    <message>
        <source>There is no runtime folder and no cache folder.</source>
        <translation>Es gibt weder einen Laufzeitordner noch einen Cache-Ordner.</translation>
    </message>
    <message>
        <source>The folder %1 is not this user&apos;s alone: %2.</source>
        <translation>Der Ordner %1 gehört nicht allein diesem Benutzer: %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The process listening on %1 belongs to another user (uid %2); nothing was sent to it.</source>
        <translation>Der Prozess, der auf %1 lauscht, gehört einem anderen Benutzer (UID %2); ihm wurde nichts gesendet.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::SnoozeMarkDelegate</name>
    <message>
        <source>zz %1</source>
        <comment>a snoozed job&apos;s Age cell</comment>
        <translation>zz %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::SnoozeMenu</name>
    <message>
        <source>&amp;Snooze Until Its State Changes</source>
        <translation>&amp;Stummschalten, bis sich sein Zustand ändert</translation>
    </message>
    <message>
        <source>Snooze &amp;For</source>
        <translation>Stummschalten &amp;für</translation>
    </message>
    <message numerus="yes">
        <source>%n Hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Unsnooze</source>
        <translation>Stummschaltung &amp;aufheben</translation>
    </message>
</context>
<context>
    <name>Alchemyst::StateCategory</name>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>Verzögert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
</context>
<context>
    <name>Alchemyst::StateList</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Filter jobs by state</source>
        <translation>Jobs nach Zustand filtern</translation>
    </message>
    <message>
        <source>Each state with its count and its change since you last looked</source>
        <translation>Jeder Zustand mit seiner Anzahl und seiner Änderung seit Ihrem letzten Blick</translation>
    </message>
    <message>
        <source>≥ %L1</source>
        <translation>≥ %L1</translation>
    </message>
    <message>
        <source>⚠ Stuck</source>
        <translation>⚠ Hängend</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>(kein Grund angegeben)</translation>
    </message>
    <message>
        <source>%1: %L2 failed</source>
        <translation>%1: %L2 fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n variant(s), differing only in numbers or names</source>
        <translation>
            <numerusform>%1
%n Variante, die sich nur in Zahlen oder Namen unterscheidet</numerusform>
            <numerusform>%1
%n Varianten, die sich nur in Zahlen oder Namen unterscheiden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Jobs over their stuck threshold, in any state (Jobs → Stuck Thresholds…).</source>
        <translation>Jobs über ihrer Schwelle für hängende Jobs, in jedem Zustand (Jobs → Schwellen für hängende Jobs…).</translation>
    </message>
    <message>
        <source>%1 since you last looked.</source>
        <translation>%1 seit Ihrem letzten Blick.</translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation>Tastenkürzel: %1</translation>
    </message>
    <message>
        <source>A pass is reading the list: a count marked ≥ holds what is known so far, and the pages still to come can add to it.</source>
        <translation>Ein Durchlauf liest die Liste: Eine mit ≥ markierte Anzahl enthält, was bisher bekannt ist, und die noch folgenden Seiten können dazukommen.</translation>
    </message>
    <message>
        <source>The last complete pass ended at %1.</source>
        <translation>Der letzte vollständige Durchlauf endete um %1.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>Counting: %Ln job(s) read, page %1</source>
        <translation>
            <numerusform>Zählung: %Ln Job gelesen, Seite %1</numerusform>
            <numerusform>Zählung: %Ln Jobs gelesen, Seite %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No pass has read the whole list yet: every count is a lower bound.</source>
        <translation>Noch kein Durchlauf hat die ganze Liste gelesen: Jede Anzahl ist eine Untergrenze.</translation>
    </message>
    <message>
        <source>No complete pass yet: counts are lower bounds.</source>
        <translation>Noch kein vollständiger Durchlauf: Die Anzahlen sind Untergrenzen.</translation>
    </message>
    <message>
        <source>Counts of the last complete pass, at %1 (%2 ago).</source>
        <translation>Anzahlen des letzten vollständigen Durchlaufs, um %1 (vor %2).</translation>
    </message>
    <message>
        <source>Last complete pass %1 ago (%2)</source>
        <translation>Letzter vollständiger Durchlauf vor %1 (%2)</translation>
    </message>
    <message>
        <source>Complete at %1</source>
        <translation>Vollständig um %1</translation>
    </message>
    <message>
        <source>Complete at %1 (%2 ago)</source>
        <translation>Vollständig um %1 (vor %2)</translation>
    </message>
    <message>
        <source>For example: %1</source>
        <translation>Zum Beispiel: %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::Stuck</name>
    <message>
        <source>running %1</source>
        <translation>läuft %1</translation>
    </message>
    <message>
        <source>running ≥ %1 (seen since %2)</source>
        <translation>läuft ≥ %1 (gesehen seit %2)</translation>
    </message>
    <message>
        <source>delayed ≥ %1 (seen since %2)</source>
        <translation>verzögert ≥ %1 (gesehen seit %2)</translation>
    </message>
    <message>
        <source>waiting ≥ %1 (seen since %2)</source>
        <translation>wartet ≥ %1 (gesehen seit %2)</translation>
    </message>
    <message>
        <source>overtaken by %L1 later jobs</source>
        <translation>von %L1 späteren Jobs überholt</translation>
    </message>
</context>
<context>
    <name>Alchemyst::TimeDisplay</name>
    <message>
        <source>Times in UTC (View → Show Times in UTC).</source>
        <translation>Zeiten in UTC (Ansicht → Zeiten in UTC anzeigen).</translation>
    </message>
    <message>
        <source>Times in this computer&apos;s time zone, %1 (%2). View → Show Times in UTC shows them in UTC.</source>
        <translation>Zeiten in der Zeitzone dieses Computers, %1 (%2). Ansicht → Zeiten in UTC anzeigen zeigt sie in UTC.</translation>
    </message>
    <message>
        <source>%n s</source>
        <translation>%n s</translation>
    </message>
</context>
<context>
    <name>Alchemyst::TrayIcon</name>
    <message>
        <source>&amp;Notify about New Failures</source>
        <translation>Bei neuen Fehlschlägen be&amp;nachrichtigen</translation>
    </message>
    <message>
        <source>&amp;Keep Running in the Tray When Closed</source>
        <translation>Nach dem Schließen im Infobereich &amp;weiterlaufen</translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation>Fenster &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Still running in the tray, watching for failures. Quit from the tray icon&apos;s menu.</source>
        <translation>Läuft weiter im Infobereich und achtet auf Fehlschläge. Beenden über das Menü des Symbols im Infobereich.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Alchemyst jobs need a look</source>
        <translation>Alchemyst-Jobs brauchen Aufmerksamkeit</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::TrendsChart</name>
    <message>
        <source>Trends chart</source>
        <translation>Verlaufsdiagramm</translation>
    </message>
    <message>
        <source>%1: not watched (no pass ran)</source>
        <translation>%1: nicht beobachtet (kein Durchlauf)</translation>
    </message>
    <message>
        <source>Waiting + delayed: %L1</source>
        <translation>Wartend + verzögert: %L1</translation>
    </message>
    <message>
        <source>Active: %L1</source>
        <translation>Aktiv: %L1</translation>
    </message>
    <message>
        <source>Failed: %L1</source>
        <translation>Fehlgeschlagen: %L1</translation>
    </message>
    <message>
        <source>Completed in it: %L1, failed in it: %L2</source>
        <translation>Darin erledigt: %L1, darin fehlgeschlagen: %L2</translation>
    </message>
    <message>
        <source>Run time p50 %1 s, p95 %2 s</source>
        <translation>Laufzeit p50 %1 s, p95 %2 s</translation>
    </message>
    <message>
        <source>A pass in it did not read the whole list: its counts are lower bounds.</source>
        <translation>Ein Durchlauf darin las nicht die ganze Liste: Seine Zahlen sind Untergrenzen.</translation>
    </message>
    <message>
        <source>Nothing recorded in this range yet.</source>
        <translation>In diesem Zeitraum ist noch nichts aufgezeichnet.</translation>
    </message>
    <message>
        <source>Backlog (waiting and delayed) went from %L1 to %L2.</source>
        <translation>Der Rückstand (wartend und verzögert) ging von %L1 auf %L2.</translation>
    </message>
    <message>
        <source>%L1 completed and %L2 failed in this range.</source>
        <translation>%L1 erledigt und %L2 fehlgeschlagen in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <source>%n interval(s) not watched.</source>
        <translation>
            <numerusform>%n Intervall nicht beobachtet.</numerusform>
            <numerusform>%n Intervalle nicht beobachtet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting + delayed</source>
        <translation>Wartend + verzögert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Completed per interval</source>
        <translation>Erledigt je Intervall</translation>
    </message>
</context>
<context>
    <name>Alchemyst::TrendsDock</name>
    <message>
        <source>Trends</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Time range of the trends</source>
        <translation>Zeitraum des Verlaufs</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>6 hours</source>
        <translation>6 Stunden</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <source>Drawn from what this app and alchemyst-jobs saw of this environment, pass after pass; hatched: not watched.</source>
        <translation>Gezeichnet aus dem, was dieses Programm und alchemyst-jobs von dieser Umgebung gesehen haben, Durchlauf für Durchlauf; schraffiert: nicht beobachtet.</translation>
    </message>
    <message>
        <source>No history is kept here.</source>
        <translation>Hier wird kein Verlauf geführt.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Demo: the six hours before this start were generated by the simulator; since the start it is what the app saw. Hatched: not watched.</source>
        <translation>Demo: Die sechs Stunden vor diesem Start hat der Simulator erzeugt; seit dem Start ist es, was das Programm gesehen hat. Schraffiert: nicht beobachtet.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::TriageSettingsDialog</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Stuck Thresholds</source>
        <translation>Schwellen für hängende Jobs</translation>
    </message>
    <message>
        <source>When is a job of %1 stuck? The API reports no progress: time in a state is all there is to go on.</source>
        <translation>Wann hängt ein Job von %1? Die API meldet keinen Fortschritt: Die Zeit in einem Status ist alles, woran man sich halten kann.</translation>
    </message>
    <message>
        <source>this environment</source>
        <translation>dieser Umgebung</translation>
    </message>
    <message>
        <source>Active for over:</source>
        <translation>Aktiv länger als:</translation>
    </message>
    <message>
        <source>Waiting or delayed for over:</source>
        <translation>Wartend oder verzögert länger als:</translation>
    </message>
    <message>
        <source>Waiting time counts from when this app first saw the job waiting.</source>
        <translation>Die Wartezeit zählt ab dem Moment, in dem dieses Programm den Job zum ersten Mal wartend sah.</translation>
    </message>
</context>
<context>
    <name>Alchemyst::TriageView</name>
    <message>
        <source>Stuck</source>
        <translation>Hängend</translation>
    </message>
    <message>
        <source>Failures by Reason</source>
        <translation>Fehlschläge nach Grund</translation>
    </message>
    <message>
        <source>Job &amp;Details</source>
        <translation>Job-&amp;Details</translation>
    </message>
    <message>
        <source>&amp;Mark All as Seen</source>
        <translation>Alle als gesehen &amp;markieren</translation>
    </message>
    <message>
        <source>Stuck &amp;Thresholds…</source>
        <translation>Schwellen für &amp;hängende Jobs…</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Jobs</translation>
    </message>
    <message>
        <source>All %1</source>
        <translation>Alle %1</translation>
    </message>
    <message>
        <source>⚠ Stuck %1</source>
        <translation>⚠ Hängend %1</translation>
    </message>
    <message>
        <source>&amp;Trends</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Jobs over their stuck threshold (Jobs → Stuck Thresholds…), and waiting jobs overtaken by %L1 or more jobs first seen after them</source>
        <translation>Jobs über ihrer Schwelle für hängende Jobs (Jobs → Schwellen für hängende Jobs…) und wartende Jobs, die von %L1 oder mehr später zuerst gesehenen Jobs überholt wurden</translation>
    </message>
    <message>
        <source>&amp;Failures by Reason</source>
        <translation>&amp;Fehler nach Grund</translation>
    </message>
    <message>
        <source>Show Sn&amp;oozed</source>
        <translation>Stummgeschaltete &amp;zeigen</translation>
    </message>
    <message>
        <source>List the stuck jobs you snoozed in the Stuck view, marked as snoozed</source>
        <translation>Die stummgeschalteten hängenden Jobs in der Ansicht „Hängend“ zeigen, als stummgeschaltet markiert</translation>
    </message>
    <message>
        <source>Snoozed until its state changes</source>
        <translation>Stummgeschaltet, bis sich sein Zustand ändert</translation>
    </message>
    <message>
        <source>Snoozed until %1 or until its state changes</source>
        <translation>Stummgeschaltet bis %1 oder bis sich sein Zustand ändert</translation>
    </message>
    <message>
        <source>The snooze could not be saved: %1</source>
        <translation>Die Stummschaltung konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>Alchemyst::UndoToast</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 Undo is possible for %n more second(s).</source>
        <translation>
            <numerusform>%1 Rückgängig ist noch %n Sekunde lang möglich.</numerusform>
            <numerusform>%1 Rückgängig ist noch %n Sekunden lang möglich.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::VerdictLabel</name>
    <message>
        <source>The backlog&apos;s forecast, from the completions and queue depth this app recorded over the last 15 minutes</source>
        <translation>Die Prognose für den Rückstand, aus den Abschlüssen und der Warteschlangenlänge, die diese App in den letzten 15 Minuten aufgezeichnet hat</translation>
    </message>
</context>
<context>
    <name>DemoMenu</name>
    <message>
        <source>&amp;Demo</source>
        <translation>D&amp;emo</translation>
    </message>
    <message>
        <source>Next Cancel Meets a Running Job</source>
        <translation>Nächster Abbruch trifft einen laufenden Job</translation>
    </message>
    <message>
        <source>Next Cancel Finds the Job Gone</source>
        <translation>Nächster Abbruch findet den Job nicht mehr</translation>
    </message>
    <message>
        <source>The next cancel will meet a running job: the server answers 409.</source>
        <translation>Der nächste Abbruch trifft einen laufenden Job: Der Server antwortet mit 409.</translation>
    </message>
    <message>
        <source>The next cancel will find its job gone: the server answers 404.</source>
        <translation>Der nächste Abbruch findet seinen Job nicht mehr: Der Server antwortet mit 404.</translation>
    </message>
    <message>
        <source>The next cancel is answered as its job&apos;s state says.</source>
        <translation>Der nächste Abbruch wird so beantwortet, wie es der Zustand seines Jobs sagt.</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>Could not lock the journal %1: %2</source>
        <translation>Das Protokoll %1 konnte nicht gesperrt werden: %2</translation>
    </message>
    <message>
        <source>The journal %1 stayed locked by another process for %2 seconds.</source>
        <translation>Das Protokoll %1 blieb %2 Sekunden lang von einem anderen Prozess gesperrt.</translation>
    </message>
    <message>
        <source>The journal&apos;s folder %1 could not be created.</source>
        <translation>Der Ordner %1 des Protokolls konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The journal %1 could not be opened for appending: %2</source>
        <translation>Das Protokoll %1 konnte nicht zum Anhängen geöffnet werden: %2</translation>
    </message>
    <message>
        <source>There is no place for the journal (no writable application data folder).</source>
        <translation>Es gibt keinen Ort für das Protokoll (kein beschreibbarer Datenordner der Anwendung).</translation>
    </message>
    <message>
        <source>The journal %1 could not be written: %2</source>
        <translation>Das Protokoll %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The journal %1 was written but could not be flushed to disk: %2</source>
        <translation>Das Protokoll %1 wurde geschrieben, konnte aber nicht auf den Datenträger übertragen werden: %2</translation>
    </message>
    <message>
        <source>The journal %1 could not be read: %2</source>
        <translation>Das Protokoll %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>eine benannte Pipe (FIFO)</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>ein zeichenorientiertes Gerät</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>ein blockorientiertes Gerät</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>ein symbolischer Link</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>eine Spezialdatei</translation>
    </message>
    <message>
        <source>The journal %1 is %2, not a regular file; the journal is only kept in a regular file.</source>
        <translation>Das Protokoll %1 ist %2, keine reguläre Datei; das Protokoll wird nur in einer regulären Datei geführt.</translation>
    </message>
    <message>
        <source>The journal %1 is a symbolic link; the journal is never written through a link.</source>
        <translation>Das Protokoll %1 ist ein symbolischer Link; das Protokoll wird nie über einen Link geschrieben.</translation>
    </message>
    <message>
        <source>The journal %1 is a symbolic link; the journal is never read through a link.</source>
        <translation>Das Protokoll %1 ist ein symbolischer Link; das Protokoll wird nie über einen Link gelesen.</translation>
    </message>
    <message>
        <source>The journal %1 could not be examined: %2</source>
        <translation>Das Protokoll %1 konnte nicht geprüft werden: %2</translation>
    </message>
    <message>
        <source>The journal&apos;s folder %1 could not be created: %2</source>
        <translation>Der Ordner %1 des Protokolls konnte nicht angelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>JsonBody</name>
    <message>
        <source>The answer is empty, not JSON.</source>
        <translation>Die Antwort ist leer, kein JSON.</translation>
    </message>
    <message>
        <source>The answer is not valid JSON (%1 at byte %2 of %3).</source>
        <translation>Die Antwort ist kein gültiges JSON (%1 bei Byte %2 von %3).</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>The job list has no &quot;jobs&quot; array.</source>
        <translation>Die Jobliste hat kein Array „jobs“.</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>Der Server sagte: %1</translation>
    </message>
    <message>
        <source>The server marked its answer &quot;success&quot;: false.</source>
        <translation>Der Server hat seine Antwort mit &quot;success&quot;: false markiert.</translation>
    </message>
</context>
<context>
    <name>Snoozes</name>
    <message>
        <source>it is larger than a snooze file can be</source>
        <translation>sie ist größer, als eine Stummschaltungsdatei sein kann</translation>
    </message>
    <message>
        <source>it is not a whole snooze file (%1)</source>
        <translation>sie ist keine vollständige Stummschaltungsdatei (%1)</translation>
    </message>
    <message>
        <source>it was written by a newer version of the app</source>
        <translation>sie wurde von einer neueren Version der App geschrieben</translation>
    </message>
    <message>
        <source>it is not a snooze file</source>
        <translation>sie ist keine Stummschaltungsdatei</translation>
    </message>
    <message>
        <source>an entry has no job id or state</source>
        <translation>ein Eintrag hat keine Job-ID oder keinen Zustand</translation>
    </message>
    <message>
        <source>The snoozes in %1 cannot be read: %2</source>
        <translation>Die Stummschaltungen in %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The snoozes in %1 cannot be used (%2), and the file cannot be moved aside (%3): it is kept as it is.</source>
        <translation>Die Stummschaltungen in %1 können nicht verwendet werden (%2), und die Datei kann nicht beiseitegelegt werden (%3): Sie bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>The snoozes in %1 could not be used (%2); the file was kept as %3.</source>
        <translation>Die Stummschaltungen in %1 konnten nicht verwendet werden (%2); die Datei wurde als %3 aufbewahrt.</translation>
    </message>
    <message>
        <source>The snoozes were not saved: %1 could not be read when it was loaded, and is not replaced.</source>
        <translation>Die Stummschaltungen wurden nicht gespeichert: %1 konnte beim Laden nicht gelesen werden und wird nicht ersetzt.</translation>
    </message>
    <message>
        <source>The snoozes were not saved: the folder %1 cannot be created.</source>
        <translation>Die Stummschaltungen wurden nicht gespeichert: Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The snoozes were not saved: %1 cannot be read (%2).</source>
        <translation>Die Stummschaltungen wurden nicht gespeichert: %1 kann nicht gelesen werden (%2).</translation>
    </message>
    <message>
        <source>The snoozes were not saved: %1 cannot be used (%2) nor moved aside (%3).</source>
        <translation>Die Stummschaltungen wurden nicht gespeichert: %1 kann weder verwendet (%2) noch beiseitegelegt werden (%3).</translation>
    </message>
    <message>
        <source>The snoozes were not saved to %1: %2</source>
        <translation>Die Stummschaltungen wurden nicht in %1 gespeichert: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Which environment?</source>
        <translation>Welche Umgebung?</translation>
    </message>
    <message>
        <source>Several environments are on %1. Open which one?</source>
        <translation>Auf %1 liegen mehrere Umgebungen. Welche soll geöffnet werden?</translation>
    </message>
</context>
</TS>
