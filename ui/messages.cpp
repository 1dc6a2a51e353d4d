#include "messages.h"

#include <QLabel>

namespace Alchemyst {

void showMessage(QWidget* parent, const QString& objectName, QMessageBox::Icon icon, const QString& title,
                 const QString& text, const QString& details)
{
    auto* box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setObjectName(objectName);
    // Server words are shown as text, never interpreted as markup. setTextFormat() covers the main label
    // only: Qt 6.4 shows the informative text in an AutoText label with external links enabled, so a 404
    // body "<a href=…>Session expired, sign in</a>" would be a clickable link. That label is made plain
    // as soon as it exists. The detailed text is not used.
    box->setTextFormat(Qt::PlainText);
    if (!details.isEmpty()) {
        box->setInformativeText(details);
        if (auto* informative = box->findChild<QLabel*>(QStringLiteral("qt_msgbox_informativelabel"))) {
            informative->setTextFormat(Qt::PlainText);
            informative->setOpenExternalLinks(false);
        } else {
            // Another Qt may name it otherwise: the details then join the main label, which is plain.
            box->setInformativeText(QString());
            box->setText(text + QStringLiteral("\n\n") + details);
        }
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString escaped(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString plainToolTip(const QString& text)
{
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace Alchemyst
