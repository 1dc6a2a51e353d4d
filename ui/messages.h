#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace Alchemyst {

// The one way the window's parts show a message box: every text in it is plain, whatever the server put in
// it. Window-modal (open()), deleted when closed; objectName lets tests and screen readers find it.
void showMessage(QWidget* parent, const QString& objectName, QMessageBox::Icon icon, const QString& title,
                 const QString& text, const QString& details = QString());

// Server text is plain text everywhere in the window. Labels that mix it with our own markup are set to
// Qt::RichText explicitly (never AutoText, whose guess an escaped "&lt;" or a bare "&" would fool) and get
// the text through here; labels that show it alone are Qt::PlainText.
QString escaped(const QString& text);

// Tool tips have no text format: Qt guesses with Qt::mightBeRichText(). An explicit paragraph makes the guess
// certain, and the escaping makes server text inside it read as typed.
QString plainToolTip(const QString& text);

} // namespace Alchemyst
