"""Staff pages, mounted at /cai-cach/ (config/urls.py); the public list in public_urls.py."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

inspections = LazyViews("motcua.reform.views.inspections")
meetings = LazyViews("motcua.reform.views.meetings")
plans = LazyViews("motcua.reform.views.plans")
report = LazyViews("motcua.reform.views.report")
staff = LazyViews("motcua.reform.views.staff")

app_name = "reform"
urlpatterns = [
    path("", plans.home, name="home"),
    # Plans and tasks
    path("ke-hoach/moi/", plans.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/them-nhiem-vu/", plans.task_add, name="task_add"),
    path("ke-hoach/<int:pk>/ap-dung/", plans.plan_derive, name="plan_derive"),
    path("ke-hoach/<int:pk>/excel/", plans.plan_excel, name="plan_excel"),
    path("ke-hoach/<int:pk>/nhap-excel/", plans.plan_import, name="plan_import"),
    path("nhiem-vu/<int:pk>/", plans.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/<slug:slug>/", plans.task_action, name="task_action"),
    path("don-vi/<int:pk>/nhiem-vu/", plans.task_list, name="task_list"),
    path("minh-chung/<int:pk>/", meetings.evidence, name="evidence"),
    # Staff register
    path("can-bo/", staff.register_home, name="register"),
    path("can-bo/them/", staff.person_create, name="person_create"),
    path("can-bo/<int:pk>/", staff.person_detail, name="person"),
    path("can-bo/<int:pk>/dieu-dong/", staff.person_move, name="person_move"),
    path("can-bo/<int:pk>/thoi-cong-tac/", staff.person_leave, name="person_leave"),
    path("can-bo/<int:pk>/trinh-do/", staff.qualification_add, name="qualification_add"),
    path("can-bo/<int:pk>/boi-duong/", staff.training_add, name="training_add"),
    path("don-vi/<int:pk>/trinh-do/", staff.qualifications, name="qualifications"),
    path(
        "don-vi/<int:pk>/trinh-do/excel/", staff.qualifications_excel, name="qualifications_excel"
    ),
    path("don-vi/<int:pk>/can-bo/nhap-excel/", staff.register_import, name="register_import"),
    # Inspections
    path("kiem-tra/moi/", inspections.inspection_create, name="inspection_create"),
    path(
        "kiem-tra/ke-hoach/moi/", inspections.inspection_plan_create, name="inspection_plan_create"
    ),
    path("kiem-tra/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("kiem-tra/<int:pk>/ket-qua/", inspections.inspection_record, name="inspection_record"),
    path("kiem-tra/<int:pk>/chon-ho-so/", inspections.inspection_sample, name="inspection_sample"),
    path("kiem-tra/<int:pk>/ton-tai/", inspections.finding_add, name="finding_add"),
    path(
        "kiem-tra/<int:pk>/ket-luan/", inspections.inspection_conclude, name="inspection_conclude"
    ),
    path("kiem-tra/<int:pk>/ket-luan.pdf", inspections.conclusion_file, name="conclusion_file"),
    path("ton-tai/<int:pk>/<slug:slug>/", inspections.finding_action, name="finding_action"),
    path("don-vi/<int:pk>/kiem-tra/", inspections.inspection_list, name="inspection_list"),
    path("don-vi/<int:pk>/ton-tai/", inspections.finding_list, name="finding_list"),
    # Meetings
    path("doi-thoai/moi/", meetings.meeting_create, name="meeting_create"),
    path("doi-thoai/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("doi-thoai/<int:pk>/y-kien/", meetings.question_add, name="question_add"),
    path("doi-thoai/<int:pk>/bien-ban.pdf", meetings.minutes_file, name="minutes"),
    path("y-kien/<int:pk>/<slug:slug>/", meetings.question_action, name="question_action"),
    path("don-vi/<int:pk>/doi-thoai/", meetings.meeting_list, name="meeting_list"),
    # Periodic report
    path("don-vi/<int:pk>/bao-cao/", report.report_page, name="report"),
    path("don-vi/<int:pk>/bao-cao.docx", report.report_docx, name="report_docx"),
    path("don-vi/<int:pk>/bao-cao.pdf", report.report_pdf, name="report_pdf"),
]
