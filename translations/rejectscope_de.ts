<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Advisor</name>
    <message>
        <source>Postfix answers this with 450 on purpose: a missing or mismatched DNS name is often a legitimate site&apos;s fixable mistake, and a temporary DNS failure gets 450 whatever the parameter says. 550 would end these retries but bounce such mail at once; rather keep 450 and let known senders through (check_client_access).</source>
        <translation>Postfix antwortet hier absichtlich mit 450: Ein fehlender oder nicht passender DNS-Name ist oft ein behebbarer Fehler einer seriösen Gegenstelle, und ein temporärer DNS-Fehler bekommt 450, egal was der Parameter sagt. 550 würde diese Wiederholungen beenden, solche Mails aber sofort abweisen; besser 450 lassen und bekannte Absender durchlassen (check_client_access).</translation>
    </message>
    <message>
        <source>550 only applies when DNS says the domain does not exist; a temporary DNS failure still gets 450 (unknown_address_tempfail_action).</source>
        <translation>550 gilt nur, wenn das DNS meldet, dass die Domain nicht existiert; ein temporärer DNS-Fehler bekommt weiterhin 450 (unknown_address_tempfail_action).</translation>
    </message>
    <message>
        <source>550 only applies to addresses the verification probe found undeliverable; pending or temporarily failing probes still get the *_defer_code (450).</source>
        <translation>550 gilt nur für Adressen, die die Adressprüfung als unzustellbar erkannt hat; laufende oder temporär fehlgeschlagene Prüfungen bekommen weiterhin den *_defer_code (450).</translation>
    </message>
    <message>
        <source>454 is what defer_unauth_destination answers (relay_domains_reject_code minus 100), the last entry of Postfix&apos;s default smtpd_relay_restrictions: replace it with reject_unauth_destination to refuse relaying for good.</source>
        <translation>454 ist die Antwort von defer_unauth_destination (relay_domains_reject_code minus 100), dem letzten Eintrag der Standard-smtpd_relay_restrictions von Postfix: durch reject_unauth_destination ersetzen, um Relaying endgültig abzuweisen.</translation>
    </message>
    <message>
        <source>postscreen&apos;s DNSBL refusals follow postscreen_dnsbl_action, and rbl_reply_maps may set a code per list; maps_rbl_reject_code covers reject_rbl_client and its kin.</source>
        <translation>Die DNSBL-Abweisungen von postscreen richten sich nach postscreen_dnsbl_action, und rbl_reply_maps kann je Liste einen Code festlegen; maps_rbl_reject_code gilt für reject_rbl_client und verwandte Prüfungen.</translation>
    </message>
    <message>
        <source>The reply names no table (show_user_unknown_table_name = no): the code is the unknown_*_reject_code of the table the address belongs to.</source>
        <translation>Die Antwort nennt keine Tabelle (show_user_unknown_table_name = no): Der Code ist der unknown_*_reject_code der Tabelle, zu der die Adresse gehört.</translation>
    </message>
    <message>
        <source>soft_bounce = yes turns every 5xx refusal into 4xx. One class alone at 4xx reads the same as its *_reject_code = 450: this was recognised because several normally-5xx classes turned 4xx together, or a class went 5xx, 4xx, 5xx with no 5xx refusal at all in between.</source>
        <translation>soft_bounce = yes macht aus jeder 5xx-Abweisung eine 4xx-Abweisung. Eine einzelne Klasse mit 4xx sieht genauso aus wie ihr *_reject_code = 450: Erkannt wurde es, weil mehrere sonst mit 5xx abgewiesene Klassen gleichzeitig zu 4xx wechselten oder eine Klasse von 5xx zu 4xx und zurück zu 5xx wechselte, ohne dazwischen eine einzige 5xx-Abweisung.</translation>
    </message>
    <message>
        <source>soft_bounce = yes keeps every would-be bounce in the queue until it expires; it is meant for testing a new configuration.</source>
        <translation>soft_bounce = yes hält jeden künftigen Bounce in der Queue, bis er abläuft; es ist zum Testen einer neuen Konfiguration gedacht.</translation>
    </message>
    <message>
        <source>With smtp_skip_5xx_greeting = yes Postfix tries the next MX host after a 5xx greeting; with no, a single MX that greets with 5xx bounces mail another MX would have taken.</source>
        <translation>Mit smtp_skip_5xx_greeting = yes versucht Postfix nach einem 5xx-Greeting den nächsten MX-Host; mit no führt ein einzelner MX, der mit 5xx grüßt, zum Bounce von Mails, die ein anderer MX angenommen hätte.</translation>
    </message>
    <message>
        <source>Temporary on purpose: the retries are how the check tells real mail servers from senders that never come back.</source>
        <translation>Absichtlich temporär: An den Wiederholungen erkennt die Prüfung echte Mailserver im Unterschied zu Absendern, die es nie wieder versuchen.</translation>
    </message>
    <message>
        <source>Bounces to addresses that never existed are backscatter from mail forged with your domains; refusing them is right. SPF and DMARC for your domains make other servers refuse the forgeries.</source>
        <translation>Bounces an Adressen, die es nie gab, sind Backscatter von Mails, die mit Ihren Domains gefälscht wurden; sie abzuweisen ist richtig. SPF und DMARC für Ihre Domains bringen andere Server dazu, die Fälschungen abzuweisen.</translation>
    </message>
</context>
<context>
    <name>AdvisorPanel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 Pp.</translation>
    </message>
</context>
<context>
    <name>AnalysisText</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Retry chains: %1 with %2 attempts, %3 retries, amplification %4 (attempts per chain)</source>
        <translation>Wiederholungsketten: %1 mit %2 Versuchen, %3 Wiederholungen, Verstärkung %4 (Versuche pro Kette)</translation>
    </message>
    <message>
        <source>No retry storms: no key was refused more than once.</source>
        <translation>Keine Wiederholungswellen: Kein Schlüssel wurde mehr als einmal abgewiesen.</translation>
    </message>
    <message>
        <source>Top retry storms</source>
        <translation>Größte Wiederholungswellen</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>first seen</source>
        <translation>erstmals gesehen</translation>
    </message>
    <message>
        <source>span</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Deferral floods: none</source>
        <translation>4xx-Fluten: keine</translation>
    </message>
    <message>
        <source>Deferral floods</source>
        <translation>4xx-Fluten</translation>
    </message>
    <message>
        <source>%1 – %2  %3 temporary refusals (peak %4 per bucket, %5 × the baseline of %6), mostly %7</source>
        <translation>%1 – %2  %3 temporäre Abweisungen (Spitze %4 pro Intervall, %5 × der Grundlinie von %6), meist %7</translation>
    </message>
    <message>
        <source>No switch from 4xx to 5xx was found.</source>
        <translation>Es wurde kein Wechsel von 4xx zu 5xx gefunden.</translation>
    </message>
    <message>
        <source>Switch points (4xx → 5xx)</source>
        <translation>Umschaltpunkte (4xx → 5xx)</translation>
    </message>
    <message>
        <source>%1  %2 %3: %4 temporary before (%5 % of replies), %6 permanent after (%7 %)</source>
        <translation>%1  %2 %3: vorher %4 temporär (%5 % der Antworten), nachher %6 permanent (%7 %)</translation>
    </message>
    <message>
        <source>Before and after %1 (windows of %2 on each side)</source>
        <translation>Vorher und nachher um %1 (Fenster von %2 auf jeder Seite)</translation>
    </message>
    <message>
        <source>before</source>
        <translation>vorher</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nachher</translation>
    </message>
    <message>
        <source>change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>attempts per hour</source>
        <translation>Versuche pro Stunde</translation>
    </message>
    <message>
        <source>distinct keys per hour</source>
        <translation>verschiedene Schlüssel pro Stunde</translation>
    </message>
    <message>
        <source>retries per hour</source>
        <translation>Wiederholungen pro Stunde</translation>
    </message>
    <message>
        <source>amplification</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <source>4xx share (%)</source>
        <translation>4xx-Anteil (%)</translation>
    </message>
    <message>
        <source>Nothing to advise: no temporary refusal that looks unintended.</source>
        <translation>Keine Empfehlung: Keine temporäre Abweisung sieht unbeabsichtigt aus.</translation>
    </message>
    <message>
        <source>%1 %2, %3 – %4</source>
        <translation>%1 %2, %3 – %4</translation>
    </message>
    <message>
        <source>e.g. %1 → %2</source>
        <translation>z. B. %1 → %2</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 Pp.</translation>
    </message>
</context>
<context>
    <name>AttemptColumns</name>
    <message>
        <source>cannot read the packed attempts (%1): %2</source>
        <translation>die gepackten Versuche können nicht gelesen werden (%1): %2</translation>
    </message>
    <message>
        <source>the database driver is not SQLite</source>
        <translation>der Datenbanktreiber ist nicht SQLite</translation>
    </message>
    <message>
        <source>cannot read the packed attempts: the table top_day is damaged</source>
        <translation>die gepackten Versuche können nicht gelesen werden: die Tabelle top_day ist beschädigt</translation>
    </message>
</context>
<context>
    <name>BeforeAfter</name>
    <message>
        <source>cannot read the events: %1</source>
        <translation>die Ereignisse können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the database holds no events</source>
        <translation>die Datenbank enthält keine Ereignisse</translation>
    </message>
    <message>
        <source>the moment is not inside the log</source>
        <translation>der Zeitpunkt liegt nicht im Log</translation>
    </message>
    <message>
        <source>cannot read the markers: %1</source>
        <translation>die Markierungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot store the marker: %1</source>
        <translation>die Markierung kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot remove the marker: %1</source>
        <translation>die Markierung kann nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>there is no such marker</source>
        <translation>diese Markierung gibt es nicht</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>it is a directory, not a database file</source>
        <translation>das ist ein Verzeichnis, keine Datenbankdatei</translation>
    </message>
    <message>
        <source>the database does not exist (import a log first)</source>
        <translation>die Datenbank existiert nicht (zuerst ein Log importieren)</translation>
    </message>
    <message>
        <source>cannot read it: %1</source>
        <translation>sie kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>it is not a Rejectscope database (not an SQLite file); choose another file name</source>
        <translation>das ist keine Rejectscope-Datenbank (keine SQLite-Datei); bitte einen anderen Dateinamen wählen</translation>
    </message>
    <message>
        <source>cannot open it: %1</source>
        <translation>sie kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot prepare it for writing: %1</source>
        <translation>sie kann nicht zum Schreiben vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>its schema is version %1; open it for writing once to upgrade it</source>
        <translation>ihr Schema hat Version %1; einmal zum Schreiben öffnen, um es zu aktualisieren</translation>
    </message>
    <message>
        <source>it is not a Rejectscope database: %1</source>
        <translation>das ist keine Rejectscope-Datenbank: %1</translation>
    </message>
    <message>
        <source>it is an SQLite database of another program; choose another file name</source>
        <translation>das ist eine SQLite-Datenbank eines anderen Programms; bitte einen anderen Dateinamen wählen</translation>
    </message>
    <message>
        <source>it was written by a newer Rejectscope (schema %1, this one knows %2)</source>
        <translation>sie wurde von einer neueren Rejectscope-Version geschrieben (Schema %1, diese Version kennt %2)</translation>
    </message>
    <message>
        <source>the schema resource %1 is missing</source>
        <translation>die Schema-Ressource %1 fehlt</translation>
    </message>
    <message>
        <source>cannot start the schema upgrade: %1</source>
        <translation>die Schema-Aktualisierung kann nicht beginnen: %1</translation>
    </message>
    <message>
        <source>the schema upgrade to version %1 failed: %2</source>
        <translation>die Schema-Aktualisierung auf Version %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>cannot build the indexes: %1</source>
        <translation>die Indizes können nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>cannot drop an index: %1</source>
        <translation>ein Index kann nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>cannot prepare it: SQLite refused the search function</source>
        <translation>sie kann nicht vorbereitet werden: SQLite lehnt die Suchfunktion ab</translation>
    </message>
</context>
<context>
    <name>DatabaseFile</name>
    <message>
        <source>This is the database that is open.</source>
        <translation>Das ist die geöffnete Datenbank.</translation>
    </message>
    <message>
        <source>Cannot write in %1: %2</source>
        <translation>In %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The copy failed: %1</source>
        <translation>Das Kopieren ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 could not be replaced.</source>
        <translation>%1 konnte nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>The copy could not be named %1.</source>
        <translation>Die Kopie konnte nicht in %1 umbenannt werden.</translation>
    </message>
</context>
<context>
    <name>DurationText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 days %2 h</source>
        <translation>%1 Tage %2 h</translation>
    </message>
</context>
<context>
    <name>EventExport</name>
    <message>
        <source>cannot write the file: %1</source>
        <translation>die Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the export was cancelled</source>
        <translation>der Export wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>EventQuery</name>
    <message>
        <source>cannot read the events: %1</source>
        <translation>die Ereignisse können nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>EventWriter</name>
    <message>
        <source>database write failed (%1): %2</source>
        <translation>Schreiben in die Datenbank fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>the database driver is not SQLite</source>
        <translation>der Datenbanktreiber ist nicht SQLite</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Rejections and retries: %1</source>
        <translation>Abweisungen und Wiederholungen: %1</translation>
    </message>
    <message>
        <source>Export Report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Export Report as HTML</source>
        <translation>Bericht als HTML exportieren</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <source>Export Chart as SVG</source>
        <translation>Diagramm als SVG exportieren</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export Events as CSV</source>
        <translation>Ereignisse als CSV exportieren</translation>
    </message>
    <message>
        <source>Exporting events…</source>
        <translation>Ereignisse werden exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Report as &amp;PDF…</source>
        <translation>Bericht als &amp;PDF…</translation>
    </message>
    <message>
        <source>Report as &amp;HTML…</source>
        <translation>Bericht als &amp;HTML…</translation>
    </message>
    <message>
        <source>Chart as P&amp;NG…</source>
        <translation>Diagramm als P&amp;NG…</translation>
    </message>
    <message>
        <source>Chart as &amp;SVG…</source>
        <translation>Diagramm als &amp;SVG…</translation>
    </message>
    <message>
        <source>&amp;Timeline as CSV…</source>
        <translation>&amp;Zeitverlauf als CSV…</translation>
    </message>
    <message>
        <source>&amp;Before/After Cards as CSV…</source>
        <translation>&amp;Vorher/Nachher-Karten als CSV…</translation>
    </message>
    <message>
        <source>Fl&amp;oods as CSV…</source>
        <translation>4xx-&amp;Fluten als CSV…</translation>
    </message>
    <message>
        <source>Advisor &amp;Findings as CSV…</source>
        <translation>Empfehlungen (&amp;Befunde) als CSV…</translation>
    </message>
    <message>
        <source>&amp;Current Table as CSV…</source>
        <translation>&amp;Aktuelle Tabelle als CSV…</translation>
    </message>
    <message>
        <source>All &amp;Events as CSV…</source>
        <translation>Alle &amp;Ereignisse als CSV…</translation>
    </message>
</context>
<context>
    <name>FindingText</name>
    <message>
        <source>Set %1</source>
        <translation>%1 setzen</translation>
    </message>
    <message>
        <source>Leave %1 as it is</source>
        <translation>%1 unverändert lassen</translation>
    </message>
    <message>
        <source>Leave %1 as it is: temporary on purpose</source>
        <translation>%1 unverändert lassen: absichtlich temporär</translation>
    </message>
    <message>
        <source>No setting to change: backscatter</source>
        <translation>Keine Einstellung zu ändern: Backscatter</translation>
    </message>
    <message numerus="yes">
        <source>%1 sender(s)</source>
        <translation>
            <numerusform>%1 Absender</numerusform>
            <numerusform>%1 Absender</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 client(s)</source>
        <translation>
            <numerusform>%1 Client</numerusform>
            <numerusform>%1 Clients</numerusform>
        </translation>
    </message>
    <message>
        <source>The server answered %1%2 %3 times to %4 from %5. %6 = %7 is Postfix&apos;s default and is temporary on purpose: no change advised.</source>
        <translation>Der Server hat %3-mal mit %1%2 geantwortet, an %4 von %5. %6 = %7 ist die Postfix-Voreinstellung und absichtlich temporär: keine Änderung empfohlen.</translation>
    </message>
    <message>
        <source>The server answered %1%2 %3 times to %4 from %5. Set %6 = %7 (Postfix default %8): each of them would have been refused once, saving %9 retries.</source>
        <translation>Der Server hat %3-mal mit %1%2 geantwortet, an %4 von %5. %6 = %7 setzen (Postfix-Voreinstellung %8): Jede dieser Mails wäre nur einmal abgewiesen worden; das hätte %9 Wiederholungen erspart.</translation>
    </message>
    <message>
        <source>Refusals that Postfix gives with 5xx by default were answered with 4xx (%1 times, e.g.%2): that is what soft_bounce = yes does. Set soft_bounce = no once testing is over; it would have saved %3 retries.</source>
        <translation>Abweisungen, die Postfix standardmäßig mit 5xx gibt, wurden mit 4xx beantwortet (%1-mal, z. B.%2): Das bewirkt soft_bounce = yes. Nach dem Testen soft_bounce = no setzen; das hätte %3 Wiederholungen erspart.</translation>
    </message>
    <message>
        <source>%1 deliveries were logged as SOFTBOUNCE: this server&apos;s own soft_bounce = yes turns remote refusals into retries. Set soft_bounce = no; it would have saved %2 retries.</source>
        <translation>%1 Zustellungen wurden als SOFTBOUNCE protokolliert: Das eigene soft_bounce = yes dieses Servers macht aus Abweisungen der Gegenseite Wiederholungen. soft_bounce = no setzen; das hätte %2 Wiederholungen erspart.</translation>
    </message>
    <message>
        <source>%1 deliveries went to servers that accept no mail at all (521/556, RFC 7504)%2 and were retried, because smtp_skip_5xx_greeting = %3 treats a 5xx greeting as temporary. Set smtp_skip_5xx_greeting = %4 to bounce them at once, saving %5 retries.</source>
        <translation>%1 Zustellungen gingen an Server, die überhaupt keine Mails annehmen (521/556, RFC 7504)%2, und wurden wiederholt, weil smtp_skip_5xx_greeting = %3 ein 5xx-Greeting als temporär behandelt. smtp_skip_5xx_greeting = %4 setzen, damit sie sofort gebounct werden; das erspart %5 Wiederholungen.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 refusals are temporary on purpose%3: leave them.</source>
        <translation>
            <numerusform>%1 Abweisung „%2“ ist absichtlich temporär%3: so belassen.</numerusform>
            <numerusform>%1 Abweisungen „%2“ sind absichtlich temporär%3: so belassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 null-sender bounces (from=&lt;&gt;) to unknown users were refused, from %2: backscatter, as a joe-job produces.</source>
        <translation>
            <numerusform>%1 Bounce mit leerem Absender (from=&lt;&gt;) an unbekannte Benutzer wurde abgewiesen, von %2: Backscatter, wie ihn ein Joe-Job erzeugt.</numerusform>
            <numerusform>%1 Bounces mit leerem Absender (from=&lt;&gt;) an unbekannte Benutzer wurden abgewiesen, von %2: Backscatter, wie ihn ein Joe-Job erzeugt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Floods</name>
    <message>
        <source>cannot count the attempts: %1</source>
        <translation>die Versuche können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>a time bucket must be a whole number of minutes</source>
        <translation>ein Zeitintervall muss eine ganze Zahl von Minuten sein</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>cannot buffer standard input: %1</source>
        <translation>die Standardeingabe kann nicht gepuffert werden: %1</translation>
    </message>
</context>
<context>
    <name>LogSource</name>
    <message>
        <source>out of memory</source>
        <translation>nicht genügend Arbeitsspeicher</translation>
    </message>
    <message>
        <source>this build cannot decompress %1 files</source>
        <translation>diese Version kann keine %1-Dateien entpacken</translation>
    </message>
    <message>
        <source>the compressed data is corrupt (%1 file: invalid header)</source>
        <translation>die komprimierten Daten sind beschädigt (%1-Datei: ungültiger Header)</translation>
    </message>
    <message>
        <source>the compressed data ends early (truncated or corrupt %1 file)</source>
        <translation>die komprimierten Daten enden vorzeitig (abgeschnittene oder beschädigte %1-Datei)</translation>
    </message>
    <message>
        <source>the compressed data is corrupt (%1 file: %2)</source>
        <translation>die komprimierten Daten sind beschädigt (%1-Datei: %2)</translation>
    </message>
    <message>
        <source>read error: %1</source>
        <translation>Lesefehler: %1</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>die Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>this is a directory, not a file</source>
        <translation>das ist ein Verzeichnis, keine Datei</translation>
    </message>
    <message>
        <source>this is a binary file, not a text log</source>
        <translation>das ist eine Binärdatei, kein Textlog</translation>
    </message>
</context>
<context>
    <name>ModelText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <source>other</source>
        <translation>sonstige</translation>
    </message>
    <message>
        <source>unknown local recipient</source>
        <translation>unbekannter lokaler Empfänger</translation>
    </message>
    <message>
        <source>unknown virtual mailbox</source>
        <translation>unbekanntes virtuelles Postfach</translation>
    </message>
    <message>
        <source>unknown virtual alias</source>
        <translation>unbekannter virtueller Alias</translation>
    </message>
    <message>
        <source>unknown relay recipient</source>
        <translation>unbekannter Relay-Empfänger</translation>
    </message>
    <message>
        <source>unknown recipient</source>
        <translation>unbekannter Empfänger</translation>
    </message>
    <message>
        <source>relay denied</source>
        <translation>Relaying verweigert</translation>
    </message>
    <message>
        <source>unknown client hostname</source>
        <translation>unbekannter Client-Hostname</translation>
    </message>
    <message>
        <source>unknown HELO hostname</source>
        <translation>unbekannter HELO-Hostname</translation>
    </message>
    <message>
        <source>sender domain not found</source>
        <translation>Absenderdomain nicht gefunden</translation>
    </message>
    <message>
        <source>recipient domain not found</source>
        <translation>Empfängerdomain nicht gefunden</translation>
    </message>
    <message>
        <source>unverified recipient</source>
        <translation>unbestätigter Empfänger</translation>
    </message>
    <message>
        <source>unverified sender</source>
        <translation>unbestätigter Absender</translation>
    </message>
    <message>
        <source>RBL listed</source>
        <translation>in RBL gelistet</translation>
    </message>
    <message>
        <source>greylisted</source>
        <translation>Greylisting</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>Ratenbegrenzung</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>content</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>does not accept mail</source>
        <translation>nimmt keine Mails an</translation>
    </message>
    <message>
        <source>mailbox full</source>
        <translation>Postfach voll</translation>
    </message>
    <message>
        <source>connection failure</source>
        <translation>Verbindungsfehler</translation>
    </message>
    <message>
        <source>DNS failure</source>
        <translation>DNS-Fehler</translation>
    </message>
    <message>
        <source>service unavailable</source>
        <translation>Dienst nicht verfügbar</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>rejected for good</source>
        <translation>endgültig abgewiesen</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>still retrying</source>
        <translation>wird noch wiederholt</translation>
    </message>
    <message>
        <source>gave up</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>bounced</source>
        <translation>Bounce</translation>
    </message>
    <message>
        <source>soft bounce</source>
        <translation>Soft-Bounce</translation>
    </message>
    <message>
        <source>deliverable</source>
        <translation>zustellbar</translation>
    </message>
    <message>
        <source>undeliverable</source>
        <translation>unzustellbar</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <source>reject warning</source>
        <translation>Abweisungswarnung</translation>
    </message>
    <message>
        <source>delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in Queue</translation>
    </message>
    <message>
        <source>bounce notice</source>
        <translation>Bounce-Meldung</translation>
    </message>
</context>
<context>
    <name>OnePageReport</name>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: Schreiben nicht möglich: %2</translation>
    </message>
    <message>
        <source>the PDF writer did not start</source>
        <translation>die PDF-Ausgabe ließ sich nicht starten</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Postfix rejections and retries</source>
        <translation>Postfix-Abweisungen und Wiederholungen</translation>
    </message>
    <message>
        <source>%1 – %2 (%3), %4</source>
        <translation>%1 – %2 (%3), %4</translation>
    </message>
    <message>
        <source>Logs: %1</source>
        <translation>Logs: %1</translation>
    </message>
    <message>
        <source>No refusal in this period.</source>
        <translation>Keine Abweisung in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>%1 refusals: %2 temporary (4xx: the other side tries again), %3 permanent (5xx: it gives up); %4 attempts were retries.</source>
        <translation>%1 Abweisungen: %2 temporär (4xx: die Gegenseite versucht es erneut), %3 permanent (5xx: sie gibt auf); %4 Versuche waren Wiederholungen.</translation>
    </message>
    <message>
        <source>4xx temporary</source>
        <translation>4xx temporär</translation>
    </message>
    <message>
        <source>5xx permanent</source>
        <translation>5xx permanent</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>retry chains</source>
        <translation>Wiederholungsketten</translation>
    </message>
    <message>
        <source>retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>attempts per chain</source>
        <translation>Versuche pro Kette</translation>
    </message>
    <message>
        <source>deferral floods</source>
        <translation>4xx-Fluten</translation>
    </message>
    <message>
        <source>%1: 4xx → 5xx</source>
        <translation>%1: 4xx → 5xx</translation>
    </message>
    <message>
        <source>Marker: %1</source>
        <translation>Markierung: %1</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>before</source>
        <translation>vorher</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nachher</translation>
    </message>
    <message>
        <source>change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>attempts per hour</source>
        <translation>Versuche pro Stunde</translation>
    </message>
    <message>
        <source>distinct keys per hour</source>
        <translation>verschiedene Schlüssel pro Stunde</translation>
    </message>
    <message>
        <source>retries per hour</source>
        <translation>Wiederholungen pro Stunde</translation>
    </message>
    <message>
        <source>attempts per key</source>
        <translation>Versuche pro Schlüssel</translation>
    </message>
    <message>
        <source>4xx share (%)</source>
        <translation>4xx-Anteil (%)</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>Vorher und nachher</translation>
    </message>
    <message>
        <source>Also compared (before-after.csv): %1.</source>
        <translation>Ebenfalls verglichen (before-after.csv): %1.</translation>
    </message>
    <message>
        <source>What to change</source>
        <translation>Was zu ändern ist</translation>
    </message>
    <message>
        <source>Nothing to advise: no temporary refusal that looks unintended.</source>
        <translation>Keine Empfehlung: Keine temporäre Abweisung sieht unbeabsichtigt aus.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>refused for good</source>
        <translation>endgültig abgewiesen</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>still retrying</source>
        <translation>wird noch wiederholt</translation>
    </message>
    <message>
        <source>gave up</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>Top retry storms</source>
        <translation>Größte Wiederholungswellen</translation>
    </message>
    <message>
        <source>No key was refused more than once.</source>
        <translation>Kein Schlüssel wurde mehr als einmal abgewiesen.</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>first seen</source>
        <translation>erstmals gesehen</translation>
    </message>
    <message>
        <source>for</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>client / queue id</source>
        <translation>Client / Queue-ID</translation>
    </message>
    <message>
        <source>sender → recipient</source>
        <translation>Absender → Empfänger</translation>
    </message>
    <message>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Refused most</source>
        <translation>Am häufigsten abgewiesen</translation>
    </message>
    <message>
        <source>Clients and relays</source>
        <translation>Clients und Relays</translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Times in %1.</source>
        <translation>Zeitangaben in %1.</translation>
    </message>
    <message>
        <source>Written by Rejectscope %1 on %2.</source>
        <translation>Erstellt von Rejectscope %1 am %2.</translation>
    </message>
    <message>
        <source>Refusals over time</source>
        <translation>Abweisungen im Zeitverlauf</translation>
    </message>
    <message numerus="yes">
        <source>%1 deferral flood(s).</source>
        <translation>
            <numerusform>%1 4xx-Flut.</numerusform>
            <numerusform>%1 4xx-Fluten.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 Pp.</translation>
    </message>
    <message numerus="yes">
        <source>%n more finding(s) in findings.csv.</source>
        <translation>
            <numerusform>%n weiterer Befund steht in findings.csv.</numerusform>
            <numerusform>%n weitere Befunde stehen in findings.csv.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>inbound</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <source>%1 %2: 4xx → 5xx</source>
        <translation>%1 %2: 4xx → 5xx</translation>
    </message>
    <message>
        <source>Could not read the log&apos;s time span: %1</source>
        <translation>Der Zeitraum des Logs konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>OverviewLoader</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>RetryChains</name>
    <message>
        <source>cannot build the retry chains (%1): %2</source>
        <translation>die Wiederholungsketten können nicht erstellt werden (%1): %2</translation>
    </message>
    <message>
        <source>cannot build the retry chains: %1</source>
        <translation>die Wiederholungsketten können nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>cannot read the retry chains: %1</source>
        <translation>die Wiederholungsketten können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the chain gap must be positive</source>
        <translation>der Kettenabstand muss positiv sein</translation>
    </message>
</context>
<context>
    <name>SummaryText</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 days %2 h</source>
        <translation>%1 Tage %2 h</translation>
    </message>
    <message>
        <source>Time span</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>no events</source>
        <translation>keine Ereignisse</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>Lines read</source>
        <translation>Gelesene Zeilen</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignoriert</translation>
    </message>
    <message>
        <source>%1 not from Postfix</source>
        <translation>%1 nicht von Postfix</translation>
    </message>
    <message>
        <source>Not understood</source>
        <translation>Nicht verstanden</translation>
    </message>
    <message>
        <source>Overlong</source>
        <translation>Überlang</translation>
    </message>
    <message>
        <source>%1 lines cut at 64 KiB</source>
        <translation>%1 Zeilen bei 64 KiB abgeschnitten</translation>
    </message>
    <message>
        <source>Events by direction, kind, code class and reason</source>
        <translation>Ereignisse nach Richtung, Art, Codeklasse und Grund</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Lines not understood (first %1 of %2)</source>
        <translation>Nicht verstandene Zeilen (erste %1 von %2)</translation>
    </message>
</context>
<context>
    <name>SwitchPoints</name>
    <message>
        <source>cannot read the replies: %1</source>
        <translation>die Antworten können nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>TimelinePainter</name>
    <message>
        <source>in</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>out</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>4xx→5xx %1 (%2)</source>
        <translation>4xx→5xx %1 (%2)</translation>
    </message>
    <message>
        <source>No events in this period</source>
        <translation>Keine Ereignisse in diesem Zeitraum</translation>
    </message>
    <message>
        <source>times in %1</source>
        <translation>Zeiten in %1</translation>
    </message>
    <message>
        <source>4xx temporary</source>
        <translation>4xx temporär</translation>
    </message>
    <message>
        <source>5xx permanent</source>
        <translation>5xx permanent</translation>
    </message>
    <message>
        <source>accepted (right scale)</source>
        <translation>angenommen (rechte Skala)</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>deferral flood</source>
        <translation>4xx-Flut</translation>
    </message>
    <message>
        <source>before / after</source>
        <translation>vorher / nachher</translation>
    </message>
</context>
<context>
    <name>TopLists</name>
    <message>
        <source>cannot rank the %1: %2</source>
        <translation>Rangliste „%1“ kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>cannot search the attempts: %1</source>
        <translation>die Versuche können nicht durchsucht werden: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Shows which Postfix rejections make remote servers retry, and what a configuration change did.</source>
        <translation>Zeigt, welche Postfix-Abweisungen entfernte Server zu Wiederholungen bringen und was eine Konfigurationsänderung bewirkt hat.</translation>
    </message>
    <message>
        <source>The database to open (default: the last one used).</source>
        <translation>Die zu öffnende Datenbank (Standard: die zuletzt verwendete).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Show times, and read year-less log timestamps, in this zone (e.g. UTC).</source>
        <translation>Zeiten in dieser Zeitzone anzeigen und Log-Zeitstempel ohne Jahr in ihr lesen (z. B. UTC).</translation>
    </message>
    <message>
        <source>zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Show the chart from this moment (ISO 8601, e.g. 2026-11-21T23:50).</source>
        <translation>Das Diagramm ab diesem Zeitpunkt zeigen (ISO 8601, z. B. 2026-11-21T23:50).</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Show the chart up to this moment (ISO 8601).</source>
        <translation>Das Diagramm bis zu diesem Zeitpunkt zeigen (ISO 8601).</translation>
    </message>
    <message>
        <source>Mail logs to import.</source>
        <translation>Zu importierende Mail-Logs.</translation>
    </message>
    <message>
        <source>--tz: unknown time zone &apos;%1&apos;</source>
        <translation>--tz: unbekannte Zeitzone „%1“</translation>
    </message>
    <message>
        <source>--from and --to: give two ISO 8601 times, the second after the first</source>
        <translation>--from und --to: zwei ISO-8601-Zeitpunkte angeben, der zweite nach dem ersten</translation>
    </message>
</context>
<context>
    <name>rejectscope::AboutDialog</name>
    <message>
        <source>Rejectscope %1 · Qt %2 · SQLite %3</source>
        <translation>Rejectscope %1 · Qt %2 · SQLite %3</translation>
    </message>
    <message>
        <source>About Rejectscope</source>
        <translation>Über Rejectscope</translation>
    </message>
    <message>
        <source>Rejectscope</source>
        <translation>Rejectscope</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Rejectscope reads Postfix mail logs and shows which rejections make remote servers retry again and again (4xx) and which end the conversation (5xx), how large the resulting retry storms are, what changed after a configuration switch, and which main.cf setting is behind each storm.</source>
        <translation>Rejectscope liest Postfix-Mail-Logs und zeigt, welche Abweisungen entfernte Server zu immer neuen Wiederholungen bringen (4xx) und welche die Verbindung beenden (5xx), wie groß die daraus entstehenden Wiederholungswellen sind, was sich nach einer Konfigurationsänderung geändert hat und welche main.cf-Einstellung hinter jeder Welle steckt.</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>SQLite:</source>
        <translation>SQLite:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lizenz:</translation>
    </message>
    <message>
        <source>GPL-3.0-or-later</source>
        <translation>GPL-3.0-or-later</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>keine geöffnet</translation>
    </message>
    <message>
        <source>This program comes with absolutely no warranty. It is free software: you may redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.</source>
        <translation>Dieses Programm wird ohne jede Gewährleistung bereitgestellt. Es ist freie Software: Sie können es unter den Bedingungen der GNU General Public License, wie von der Free Software Foundation veröffentlicht, weitergeben und/oder verändern, entweder gemäß Version 3 der Lizenz oder (nach Ihrer Wahl) jeder späteren Version.</translation>
    </message>
    <message>
        <source>Copy Versions</source>
        <translation>Versionen kopieren</translation>
    </message>
</context>
<context>
    <name>rejectscope::AdvisorCard</name>
    <message>
        <source>Copy Text</source>
        <translation>Text kopieren</translation>
    </message>
</context>
<context>
    <name>rejectscope::AdvisorPanel</name>
    <message>
        <source>Advice</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <source>No temporary refusal looks unintended: nothing to change.</source>
        <translation>Keine temporäre Abweisung sieht unbeabsichtigt aus: nichts zu ändern.</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>Vorher und nachher</translation>
    </message>
    <message>
        <source>Working out which settings make servers retry…</source>
        <translation>Ermittle die Einstellungen, die Server zu Wiederholungen bringen…</translation>
    </message>
    <message>
        <source>Nothing to advise. Import a Postfix log to see which refusals make servers retry and the setting behind them; set a marker on the timeline to compare before and after a change.</source>
        <translation>Keine Empfehlungen. Importieren Sie ein Postfix-Log, um zu sehen, welche Abweisungen Server zu Wiederholungen bringen und welche Einstellung dahintersteckt; setzen Sie eine Markierung im Zeitverlauf, um vor und nach einer Änderung zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>rejectscope::ChartText</name>
    <message>
        <source>%1 – %2 %3</source>
        <translation>%1 – %2 %3</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Marker</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Switch point</source>
        <translation>Umschaltpunkt</translation>
    </message>
    <message>
        <source>attempts/h %1 → %2</source>
        <translation>Versuche/h %1 → %2</translation>
    </message>
    <message>
        <source>attempts/h %1 → %2 (%3)</source>
        <translation>Versuche/h %1 → %2 (%3)</translation>
    </message>
    <message>
        <source>Marker at %1</source>
        <translation>Markierung bei %1</translation>
    </message>
    <message>
        <source>Switch point at %1</source>
        <translation>Umschaltpunkt bei %1</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation>%1: %2 → %3 (%4)</translation>
    </message>
    <message>
        <source>Compared over %1 before and after</source>
        <translation>Verglichen über je %1 vorher und nachher</translation>
    </message>
    <message>
        <source>Attempts per hour</source>
        <translation>Versuche pro Stunde</translation>
    </message>
    <message>
        <source>Distinct keys per hour</source>
        <translation>Verschiedene Schlüssel pro Stunde</translation>
    </message>
    <message>
        <source>Retries per hour</source>
        <translation>Wiederholungen pro Stunde</translation>
    </message>
    <message>
        <source>Amplification</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 Prozentpunkte</translation>
    </message>
    <message>
        <source>4xx share</source>
        <translation>4xx-Anteil</translation>
    </message>
    <message>
        <source>4xx (try again later): %1</source>
        <translation>4xx (später erneut versuchen): %1</translation>
    </message>
    <message>
        <source>5xx (refused for good): %1</source>
        <translation>5xx (endgültig abgewiesen): %1</translation>
    </message>
    <message>
        <source>Accepted: %1</source>
        <translation>Angenommen: %1</translation>
    </message>
    <message>
        <source>Deferral flood: %1</source>
        <translation>4xx-Flut: %1</translation>
    </message>
    <message>
        <source>%1 4xx attempts, at most %2 per bucket (baseline %3)</source>
        <translation>%1 4xx-Versuche, höchstens %2 pro Intervall (Grundlinie %3)</translation>
    </message>
</context>
<context>
    <name>rejectscope::ComparisonCard</name>
    <message>
        <source>Marker, set by hand</source>
        <translation>Markierung, von Hand gesetzt</translation>
    </message>
    <message>
        <source>Switch point, found in the log</source>
        <translation>Umschaltpunkt, im Log gefunden</translation>
    </message>
    <message>
        <source>Marker</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Replies turned permanent</source>
        <translation>Wechsel zu permanenten Antworten</translation>
    </message>
    <message>
        <source>%1 · %2 before and after</source>
        <translation>%1 · je %2 vorher und nachher</translation>
    </message>
    <message>
        <source>%1 · no events on one side to compare with</source>
        <translation>%1 · auf einer Seite keine Ereignisse zum Vergleich</translation>
    </message>
    <message>
        <source>Remove marker</source>
        <translation>Markierung entfernen</translation>
    </message>
    <message>
        <source>Show on timeline</source>
        <translation>Im Zeitverlauf zeigen</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Attempts per hour</source>
        <translation>Versuche pro Stunde</translation>
    </message>
    <message>
        <source>Distinct keys per hour</source>
        <translation>Verschiedene Schlüssel pro Stunde</translation>
    </message>
    <message>
        <source>Retries per hour</source>
        <translation>Wiederholungen pro Stunde</translation>
    </message>
    <message>
        <source>Amplification</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <source>4xx share</source>
        <translation>4xx-Anteil</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation>%1: %2 → %3 (%4)</translation>
    </message>
</context>
<context>
    <name>rejectscope::EventTableModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>HELO</source>
        <translation>HELO</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Queue ID</source>
        <translation>Queue-ID</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>rejectscope::FilterBar</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>Beide Richtungen</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Ausgehend</translation>
    </message>
    <message>
        <source>Inbound: what this server refused. Outbound: what remote servers answered this server&apos;s deliveries.</source>
        <translation>Eingehend: was dieser Server abgewiesen hat. Ausgehend: was entfernte Server auf die Zustellungen dieses Servers geantwortet haben.</translation>
    </message>
    <message>
        <source>All replies</source>
        <translation>Alle Antworten</translation>
    </message>
    <message>
        <source>4xx (try later)</source>
        <translation>4xx (später erneut)</translation>
    </message>
    <message>
        <source>5xx (never)</source>
        <translation>5xx (endgültig)</translation>
    </message>
    <message>
        <source>2xx (accepted)</source>
        <translation>2xx (angenommen)</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Alle Gründe</translation>
    </message>
    <message>
        <source>The reason class of the reply</source>
        <translation>Die Klasse des Abweisungsgrunds</translation>
    </message>
    <message>
        <source>Only the events in this time range (a click on the chart sets it)</source>
        <translation>Nur die Ereignisse in diesem Zeitraum (ein Klick ins Diagramm setzt ihn)</translation>
    </message>
    <message>
        <source>Search client, sender, recipient, queue id, reply…</source>
        <translation>Client, Absender, Empfänger, Queue-ID, Antwort…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Show everything again</source>
        <translation>Wieder alles anzeigen</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
<context>
    <name>rejectscope::FindingCard</name>
    <message>
        <source>Received mail</source>
        <translation>Empfangene Mails</translation>
    </message>
    <message>
        <source>Sent mail</source>
        <translation>Gesendete Mails</translation>
    </message>
    <message>
        <source>now %1</source>
        <translation>derzeit %1</translation>
    </message>
    <message>
        <source>Show these events</source>
        <translation>Diese Ereignisse zeigen</translation>
    </message>
    <message>
        <source>List these events and mark them on the timeline</source>
        <translation>Diese Ereignisse auflisten und im Zeitverlauf markieren</translation>
    </message>
    <message>
        <source>Seen from %1 to %2</source>
        <translation>Gesehen von %1 bis %2</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sender(s)</source>
        <translation>
            <numerusform>%Ln Absender</numerusform>
            <numerusform>%Ln Absender</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln client(s)</source>
        <translation>
            <numerusform>%Ln Client</numerusform>
            <numerusform>%Ln Clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln remote server(s)</source>
        <translation>
            <numerusform>%Ln entfernter Server</numerusform>
            <numerusform>%Ln entfernte Server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln retries to save</source>
        <translation>
            <numerusform>%Ln Wiederholung vermeidbar</numerusform>
            <numerusform>%Ln Wiederholungen vermeidbar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rejectscope::ImportProgressWidget</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the import; what was read so far stays stored</source>
        <translation>Import anhalten; was bisher gelesen wurde, bleibt gespeichert</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importiere %n Datei…</numerusform>
            <numerusform>Importiere %n Dateien…</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1 (%2 of %3): %4 lines, %5 lines/s</source>
        <translation>Importiere %1 (%2 von %3): %4 Zeilen, %5 Zeilen/s</translation>
    </message>
    <message>
        <source>, %1 left</source>
        <translation>, noch %1</translation>
    </message>
</context>
<context>
    <name>rejectscope::MainWindow</name>
    <message>
        <source>Rejectscope</source>
        <translation>Rejectscope</translation>
    </message>
    <message>
        <source>Automatic buckets</source>
        <translation>Automatische Intervalle</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
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
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>The time covered by each bar of the chart</source>
        <translation>Die Zeitspanne, die jeder Balken des Diagramms abdeckt</translation>
    </message>
    <message>
        <source>Attempts over time: 4xx (try later) and 5xx (never)</source>
        <translation>Versuche im Zeitverlauf: 4xx (später erneut) und 5xx (endgültig)</translation>
    </message>
    <message>
        <source>The events could not be read: %1</source>
        <translation>Die Ereignisse konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>Analyse fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Logs…</source>
        <translation>&amp;Logs öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;New Database…</source>
        <translation>&amp;Neue Datenbank…</translation>
    </message>
    <message>
        <source>Open &amp;Database…</source>
        <translation>&amp;Datenbank öffnen…</translation>
    </message>
    <message>
        <source>&amp;Save Database As…</source>
        <translation>Datenbank &amp;speichern unter…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Copy Selected Rows</source>
        <translation>Ausgewählte Zeilen &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>C&amp;lear Filter</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>Zoom &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Add &amp;Marker at Middle of Chart…</source>
        <translation>&amp;Markierung in Diagrammmitte setzen…</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
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
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes when Rejectscope is started again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Rejectscope.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Rejectscope</source>
        <translation>&amp;Über Rejectscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Show the lines that were not understood</source>
        <translation>Die nicht verstandenen Zeilen zeigen</translation>
    </message>
    <message>
        <source>Database %1</source>
        <translation>Datenbank %1</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Wait for the import to finish or cancel it first.</source>
        <translation>Warten Sie, bis der Import fertig ist, oder brechen Sie ihn zuerst ab.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Die Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 — Rejectscope</source>
        <translation>%1 — Rejectscope</translation>
    </message>
    <message>
        <source>Import running</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <source>Wait for the running import to finish or cancel it first.</source>
        <translation>Warten Sie, bis der laufende Import fertig ist, oder brechen Sie ihn zuerst ab.</translation>
    </message>
    <message>
        <source>Some files could not be imported</source>
        <translation>Einige Dateien konnten nicht importiert werden</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) not understood</source>
        <translation>
            <numerusform>%n Zeile nicht verstanden</numerusform>
            <numerusform>%n Zeilen nicht verstanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 events from %2 lines in %n file(s)</source>
        <translation>
            <numerusform>%1 Ereignisse aus %2 Zeilen in %n Datei</numerusform>
            <numerusform>%1 Ereignisse aus %2 Zeilen in %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Marker</source>
        <translation>Markierung setzen</translation>
    </message>
    <message>
        <source>What changed at %1?</source>
        <translation>Was hat sich um %1 geändert?</translation>
    </message>
    <message>
        <source>Configuration changed</source>
        <translation>Konfiguration geändert</translation>
    </message>
    <message>
        <source>The marker could not be stored</source>
        <translation>Die Markierung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The marker could not be removed</source>
        <translation>Die Markierung konnte nicht entfernt werden</translation>
    </message>
    <message>
        <source>Open Mail Logs</source>
        <translation>Mail-Logs öffnen</translation>
    </message>
    <message>
        <source>Mail logs (maillog* mail.log* mail.* *.log *.gz *.bz2 *.xz *.zst);;All files (*)</source>
        <translation>Mail-Logs (maillog* mail.log* mail.* *.log *.gz *.bz2 *.xz *.zst);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Rejectscope Database</source>
        <translation>Rejectscope-Datenbank öffnen</translation>
    </message>
    <message>
        <source>Rejectscope databases (*.db *.sqlite);;All files (*)</source>
        <translation>Rejectscope-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New Rejectscope Database</source>
        <translation>Neue Rejectscope-Datenbank</translation>
    </message>
    <message>
        <source>Rejectscope databases (*.db)</source>
        <translation>Rejectscope-Datenbanken (*.db)</translation>
    </message>
    <message>
        <source>Cannot create the database</source>
        <translation>Die Datenbank kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 could not be replaced.</source>
        <translation>%1 konnte nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>Save Database As</source>
        <translation>Datenbank speichern unter</translation>
    </message>
    <message>
        <source>The database could not be saved</source>
        <translation>Die Datenbank konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>An import is running. Stop it and quit? What was read so far stays stored.</source>
        <translation>Ein Import läuft. Abbrechen und beenden? Was bisher gelesen wurde, bleibt gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled; %Ln event(s) stored.</source>
        <translation>
            <numerusform>Import abgebrochen; %Ln Ereignis gespeichert.</numerusform>
            <numerusform>Import abgebrochen; %Ln Ereignisse gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import done: %Ln new event(s).</source>
        <translation>
            <numerusform>Import fertig: %Ln neues Ereignis.</numerusform>
            <numerusform>Import fertig: %Ln neue Ereignisse.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln retry storm(s)</source>
        <translation>
            <numerusform> · %Ln Wiederholungswelle</numerusform>
            <numerusform> · %Ln Wiederholungswellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln retries</source>
        <translation>
            <numerusform> · %Ln Wiederholung</numerusform>
            <numerusform> · %Ln Wiederholungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the log for this filter…</source>
        <translation>Das Protokoll wird für diesen Filter gelesen…</translation>
    </message>
    <message>
        <source>Range first; reading the rest of the log…</source>
        <translation>Erst der Zeitraum; der Rest des Logs folgt…</translation>
    </message>
    <message>
        <source>Range first; %1 % of the log read</source>
        <translation>Erst der Zeitraum; %1 % des Logs gelesen</translation>
    </message>
    <message>
        <source>Reading the log… %1 %</source>
        <translation>Das Log wird gelesen… %1 %</translation>
    </message>
</context>
<context>
    <name>rejectscope::ResultTableView</name>
    <message>
        <source>&amp;Copy Selected Rows</source>
        <translation>Ausgewählte Zeilen &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Export Table as CSV…</source>
        <translation>Tabelle als CSV &amp;exportieren…</translation>
    </message>
</context>
<context>
    <name>rejectscope::StormTableModel</name>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Client / queue ID</source>
        <translation>Client / Queue-ID</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Erstmals gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Median interval</source>
        <translation>Median-Abstand</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>rejectscope::TablesPanel</name>
    <message>
        <source>Retry Storms</source>
        <translation>Wiederholungswellen</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Retry Storms (%1)</source>
        <translation>Wiederholungswellen (%1)</translation>
    </message>
    <message>
        <source>The events cannot be sorted by this column.</source>
        <translation>Die Ereignisse lassen sich nicht nach dieser Spalte sortieren.</translation>
    </message>
    <message>
        <source>Narrow the filter to sort %1 events by this column; they are sorted by time.</source>
        <translation>Schränken Sie den Filter ein, um %1 Ereignisse nach dieser Spalte zu sortieren; sie sind nach Zeit sortiert.</translation>
    </message>
    <message>
        <source>The events are still being counted; sort by this column when they are.</source>
        <translation>Die Ereignisse werden noch gezählt; nach dieser Spalte lässt sich sortieren, sobald sie gezählt sind.</translation>
    </message>
</context>
<context>
    <name>rejectscope::TimelineChart</name>
    <message>
        <source>4xx, try again later</source>
        <translation>4xx, später erneut versuchen</translation>
    </message>
    <message>
        <source>5xx, refused for good</source>
        <translation>5xx, endgültig abgewiesen</translation>
    </message>
    <message>
        <source>Deferral flood</source>
        <translation>4xx-Flut</translation>
    </message>
    <message>
        <source>Attempts per %1</source>
        <translation>Versuche pro %1</translation>
    </message>
    <message>
        <source>Add marker here…</source>
        <translation>Markierung hier setzen…</translation>
    </message>
    <message>
        <source>Remove marker</source>
        <translation>Markierung entfernen</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>Als SVG exportieren…</translation>
    </message>
    <message>
        <source>Export Chart as SVG</source>
        <translation>Diagramm als SVG exportieren</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Rejections over time</source>
        <translation>Abweisungen im Zeitverlauf</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
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
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rejectscope::TimelineModel</name>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>4xx (retried)</source>
        <translation>4xx (wiederholt)</translation>
    </message>
    <message>
        <source>5xx (refused)</source>
        <translation>5xx (abgewiesen)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
</context>
<context>
    <name>rejectscope::TopListModel</name>
    <message>
        <source>%1 of the %2 attempts in this list</source>
        <translation>%1 der %2 Versuche in dieser Liste</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Main reason</source>
        <translation>Hauptgrund</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Erstmals gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>rejectscope::UnparsedDialog</name>
    <message>
        <source>Lines Not Understood</source>
        <translation>Nicht verstandene Zeilen</translation>
    </message>
    <message>
        <source>%1 lines looked like Postfix rejections or deliveries but could not be read. They are not counted in the analysis. The first %2 are shown below.</source>
        <translation>%1 Zeilen sahen wie Postfix-Abweisungen oder -Zustellungen aus, konnten aber nicht gelesen werden. Sie zählen nicht zur Analyse. Die ersten %2 stehen unten.</translation>
    </message>
    <message>
        <source>%1, byte %2: %3</source>
        <translation>%1, Byte %2: %3</translation>
    </message>
</context>
</TS>
