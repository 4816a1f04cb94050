# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printed package summary, a real PDF from wkhtmltopdf."""

import shutil
import subprocess
import tempfile
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import FrontOfficeCommon

REPORT = "front_office_quotes.action_report_fo_quote"


def pdf_text(pdf):
    """The text of a PDF, as pdftotext (poppler-utils) reads it."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(
            ["pdftotext", "-layout", f.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        )
    return " ".join(out.stdout.split())


@tagged("post_install", "-at_install")
@freeze_time(date(2026, 3, 2))
class TestQuoteReport(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"name": "Centro Benessere Aurora", "street": "Via Roma 1", "city": "Parma"}
        )
        cls.client_mario.write({"street": "Via Verdi 7", "city": "Milano"})
        cls.order = cls._create_quote(
            lines=[(cls.service_massage, 10), (cls.service_physio, 4)],
            fo_description="Winter relax package",
            validity_start_date=date(2026, 3, 2),
            validity_date=date(2026, 5, 31),
        )
        cls.order.with_user(cls.front_desk_user).action_confirm()

    def _print(self, order):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.front_desk_user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, order.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf_text(pdf)

    def test_printed_quote_summarises_the_package(self):
        text = self._print(self.order)
        massage, physio = self.order.order_line
        for expected in [
            "Centro Benessere Aurora",
            "Via Roma 1",
            "Mario Rossi",
            "Via Verdi 7",
            f"Quote {self.order.name}",
            "Winter relax package",
            "Operator Anna Reception",
            "Valid from 03/02/2026",
            "Valid until 05/31/2026",
            "Confirmed",
            massage.name,
            physio.name,
            "Sessions",
            "Massage 50' 10 60.00",
            "Physiotherapy 4 55.00",
            "Untaxed Amount",
            "Taxes",
            "Total",
            "Client signature",
            "For the centre",
        ]:
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        for amount in (self.order.amount_untaxed, self.order.amount_total):
            with self.subTest(amount=amount):
                self.assertIn(f"{amount:,.2f}", text)

    def test_printed_quote_lists_the_booked_sessions_and_what_is_left(self):
        massage, physio = self.order.order_line
        self._book(massage, datetime(2026, 3, 3, 9, 0))  # 10:00 in Rome
        attended = self._book(massage, datetime(2026, 3, 10, 14, 30))
        with freeze_time(date(2026, 3, 10)):
            attended.action_check_in()
        self._book(physio, datetime(2026, 3, 4, 8, 0), self.room_physio).action_cancel()
        text = self._print(self.order)
        for expected in [
            "Booked sessions",
            "Massage 50' (1/10) 03/03/2026 10:00 AM Massage Room Booked",
            "Massage 50' (2/10) 03/10/2026 03:30 PM Massage Room Attended",
            "Sessions left to book: Massage 50': 8; Physiotherapy: 4",
        ]:
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        self.assertNotIn("Cancelled", text)

    def test_quote_prints_in_the_client_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.env["ir.module.module"].search(
            [("name", "=", "front_office_quotes")]
        )._update_translations(["it_IT"], overwrite=True)
        self.client_mario.lang = "it_IT"
        text = self._print(self.order)
        for expected in [
            f"Preventivo {self.order.name}",
            "Valido dal 02/03/2026",
            "Valido fino al 31/05/2026",
            "Sedute",
            "Firma del cliente",
            "Sedute da prenotare",
        ]:
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        self.assertNotIn("Client signature", text)

    def test_front_desk_emails_the_summary_to_the_client(self):
        self.client_mario.email = "mario.rossi@example.com"
        action = self.order.with_user(self.front_desk_user).action_fo_send_summary()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.front_desk_user)
            .with_context(**action["context"])
        )
        self.assertIn("Winter relax package", composer.subject)
        self.assertIn("Mario Rossi", composer.body)
        self.assertIn(self.client_mario, composer.partner_ids[:])
        self.assertEqual(
            # .pdf; .html under test, where Odoo renders reports without wkhtmltopdf
            [
                name.rsplit(".", 1)[0]
                for name in composer.attachment_ids[:].mapped("name")
            ],
            [f"Quote - {self.order.name}"],
        )
        composer.save().action_send_mail()
        message = self.order.message_ids[0]
        self.assertIn(self.client_mario, message.partner_ids)
        self.assertEqual(len(message.attachment_ids), 1)
