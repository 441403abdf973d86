<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>FindingText</name>
    <message numerus="yes">
        <source>%1 sender(s)</source>
        <translation>
            <numerusform>%1 sender</numerusform>
            <numerusform>%1 senders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 client(s)</source>
        <translation>
            <numerusform>%1 client</numerusform>
            <numerusform>%1 clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 refusals are temporary on purpose%3: leave them.</source>
        <translation>
            <numerusform>%1 %2 refusal is temporary on purpose%3: leave it.</numerusform>
            <numerusform>%1 %2 refusals are temporary on purpose%3: leave them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 null-sender bounces (from=&lt;&gt;) to unknown users were refused, from %2: backscatter, as a joe-job produces.</source>
        <translation>
            <numerusform>%1 null-sender bounce (from=&lt;&gt;) to an unknown user was refused, from %2: backscatter, as a joe-job produces.</numerusform>
            <numerusform>%1 null-sender bounces (from=&lt;&gt;) to unknown users were refused, from %2: backscatter, as a joe-job produces.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OnePageReport</name>
    <message numerus="yes">
        <source>%1 deferral flood(s).</source>
        <translation>
            <numerusform>%1 deferral flood.</numerusform>
            <numerusform>%1 deferral floods.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more finding(s) in findings.csv.</source>
        <translation>
            <numerusform>%n more finding in findings.csv.</numerusform>
            <numerusform>%n more findings in findings.csv.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rejectscope::FindingCard</name>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sender(s)</source>
        <translation>
            <numerusform>%Ln sender</numerusform>
            <numerusform>%Ln senders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln client(s)</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln remote server(s)</source>
        <translation>
            <numerusform>%Ln remote server</numerusform>
            <numerusform>%Ln remote servers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln retries to save</source>
        <translation>
            <numerusform>%Ln retry to save</numerusform>
            <numerusform>%Ln retries to save</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rejectscope::ImportProgressWidget</name>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rejectscope::MainWindow</name>
    <message numerus="yes">
        <source>Import cancelled; %Ln event(s) stored.</source>
        <translation>
            <numerusform>Import cancelled; %Ln event stored.</numerusform>
            <numerusform>Import cancelled; %Ln events stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import done: %Ln new event(s).</source>
        <translation>
            <numerusform>Import done: %Ln new event.</numerusform>
            <numerusform>Import done: %Ln new events.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) not understood</source>
        <translation>
            <numerusform>%n line not understood</numerusform>
            <numerusform>%n lines not understood</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 events from %2 lines in %n file(s)</source>
        <translation>
            <numerusform>%1 events from %2 lines in %n file</numerusform>
            <numerusform>%1 events from %2 lines in %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln retry storm(s)</source>
        <translation>
            <numerusform> · %Ln retry storm</numerusform>
            <numerusform> · %Ln retry storms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln retries</source>
        <translation>
            <numerusform> · %Ln retry</numerusform>
            <numerusform> · %Ln retries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rejectscope::TimelineChart</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
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
</TS>
