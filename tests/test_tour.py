# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestFrontOfficeTours(FrontOfficeCommon, HttpCase):
    def test_front_desk_user_opens_the_front_office_app(self):
        self.start_tour(
            "/odoo", "front_office_open_app", login=self.front_desk_user.login
        )
