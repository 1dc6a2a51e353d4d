<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Alchemyst::ApiClient</name>
    <message numerus="yes">
        <source>The answer broke off after %n byte(s): %1</source>
        <translation>
            <numerusform>The answer broke off after %n byte: %1</numerusform>
            <numerusform>The answer broke off after %n bytes: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n page(s).</source>
        <translation>
            <numerusform>Stopped after %n page.</numerusform>
            <numerusform>Stopped after %n pages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::BulkCancelPreviewDialog</name>
    <message numerus="yes">
        <source>%Ln job(s) selected on %1.</source>
        <translation>
            <numerusform>%Ln job selected on %1.</numerusform>
            <numerusform>%Ln jobs selected on %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln will be sent a cancel (waiting and delayed). Nothing is retried.</source>
        <translation>
            <numerusform>%Ln will be sent a cancel (waiting and delayed). Nothing is retried.</numerusform>
            <numerusform>%Ln will be sent a cancel (waiting and delayed). Nothing is retried.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln Cancel(s)</source>
        <translation>
            <numerusform>Send %Ln Cancel</numerusform>
            <numerusform>Send %Ln Cancels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them were last refreshed longer ago than the refresh interval: each is checked with the server first, and its cancel is sent only if it is still waiting or delayed.</source>
        <translation>
            <numerusform>%Ln of them was last refreshed longer ago than the refresh interval: it is checked with the server first, and its cancel is sent only if it is still waiting or delayed.</numerusform>
            <numerusform>%Ln of them were last refreshed longer ago than the refresh interval: each is checked with the server first, and its cancel is sent only if it is still waiting or delayed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelBatch</name>
    <message numerus="yes">
        <source>Paused by the server for %n s (HTTP 429).</source>
        <translation>
            <numerusform>Paused by the server for %n s (HTTP 429).</numerusform>
            <numerusform>Paused by the server for %n s (HTTP 429).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelController</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln job(s)&lt;/b&gt; selected · %1 can be cancelled (waiting or delayed)</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln job&lt;/b&gt; selected · %1 can be cancelled (waiting or delayed)</numerusform>
            <numerusform>&lt;b&gt;%Ln jobs&lt;/b&gt; selected · %1 can be cancelled (waiting or delayed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::CancelReceiptDialog</name>
    <message numerus="yes">
        <source>Stopping: waiting for the %n answer(s) already on their way…</source>
        <translation>
            <numerusform>Stopping: waiting for the %n answer already on their way…</numerusform>
            <numerusform>Stopping: waiting for the %n answers already on their way…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::ChangeTracker</name>
    <message numerus="yes">
        <source>%n job(s) failed</source>
        <translation>
            <numerusform>%n job failed</numerusform>
            <numerusform>%n jobs failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n became stuck</source>
        <translation>
            <numerusform>%n became stuck</numerusform>
            <numerusform>%n became stuck</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::DetailsDock</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::ExportFeedback</name>
    <message numerus="yes">
        <source>Exported %Ln job(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln job to %1.</numerusform>
            <numerusform>Exported %Ln jobs to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::FailuresPanel</name>
    <message numerus="yes">
        <source>    %n variant(s), differing only in numbers or names</source>
        <translation>
            <numerusform>    %n variant, differing only in numbers or names</numerusform>
            <numerusform>    %n variants, differing only in numbers or names</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::JobModel</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::JobMonitor</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <comment>an age in seconds</comment>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <comment>an age in minutes</comment>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <comment>an age in hours</comment>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <comment>an age in days</comment>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::JournalView</name>
    <message numerus="yes">
        <source>%n entry(ies) shown.</source>
        <translation>
            <numerusform>%n entry shown.</numerusform>
            <numerusform>%n entries shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable line(s) skipped.</source>
        <translation>
            <numerusform>%n unreadable line skipped.</numerusform>
            <numerusform>%n unreadable lines skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::MainWindow</name>
    <message numerus="yes">
        <source>Copied %Ln job(s) as Markdown.</source>
        <translation>
            <numerusform>Copied %Ln job as Markdown.</numerusform>
            <numerusform>Copied %Ln jobs as Markdown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::RefreshTexts</name>
    <message numerus="yes">
        <source>Loading %Ln job(s)… page %1</source>
        <translation>
            <numerusform>Loading %Ln job… page %1</numerusform>
            <numerusform>Loading %Ln jobs… page %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s)</source>
        <translation>
            <numerusform>%Ln job</numerusform>
            <numerusform>%Ln jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Loading stopped.&lt;/b&gt; Showing the %n job(s) read so far; none was removed.</source>
        <translation>
            <numerusform>&lt;b&gt;Loading stopped.&lt;/b&gt; Showing the %n job read so far; none was removed.</numerusform>
            <numerusform>&lt;b&gt;Loading stopped.&lt;/b&gt; Showing the %n jobs read so far; none was removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n list entries without a usable job id were skipped.</source>
        <translation>
            <numerusform>%n list entry without a usable job id was skipped.</numerusform>
            <numerusform>%n list entries without a usable job id were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::SnoozeMenu</name>
    <message numerus="yes">
        <source>%n Hour(s)</source>
        <translation>
            <numerusform>%n Hour</numerusform>
            <numerusform>%n Hours</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%1
%n variant(s), differing only in numbers or names</source>
        <translation>
            <numerusform>%1
%n variant, differing only in numbers or names</numerusform>
            <numerusform>%1
%n variants, differing only in numbers or names</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counting: %Ln job(s) read, page %1</source>
        <translation>
            <numerusform>Counting: %Ln job read, page %1</numerusform>
            <numerusform>Counting: %Ln jobs read, page %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::TrendsChart</name>
    <message numerus="yes">
        <source>%n interval(s) not watched.</source>
        <translation>
            <numerusform>%n interval not watched.</numerusform>
            <numerusform>%n intervals not watched.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alchemyst::UndoToast</name>
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
            <numerusform>%1 Undo is possible for %n more second.</numerusform>
            <numerusform>%1 Undo is possible for %n more seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
