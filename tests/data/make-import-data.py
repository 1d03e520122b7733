#!/usr/bin/python3
# make-import-data.py — writes the files the import tests read, as the
# programs that make them in real life write them (GBK from Chinese Excel,
# UTF-16 "Unicode text" from Excel, Salesforce exports, vCards of old
# phones).  The files are committed; run this again after changing it:
#
#   cd tests/data && /usr/bin/python3 make-import-data.py
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import quopri
import zipfile


def write(name, data):
    with open(name, 'wb') as f:
        f.write(data)


def csv_text(rows, delimiter=',', lineterminator='\r\n'):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    w.writerows(rows)
    return out.getvalue()


# Chinese Excel, "CSV (逗号分隔)": GBK, CRLF, Chinese headers, thousands
# separators in numbers.
write('accounts-gbk.csv', csv_text([
    ['客户名称', '行业', '地区', '年收入', '毛利率', '客户编号', '备注'],
    ['华为技术有限公司', '通信', '深圳', '1,200,000', '35%', 'CN-001', '战略大客户，年度框架协议'],
    ['上海汽车集团', '汽车', '上海', '860000.50', '22.5', 'CN-002', ''],
    ['青岛啤酒', '食品饮料', '青岛', '3.5万', '41', 'CN-003', '"老客户"，回款及时'],
]).encode('gbk'))

write('contacts-gbk.csv', csv_text([
    ['客户名称', '姓名', '职务', '部门', '电话', '邮箱'],
    ['华为技术有限公司', '张伟', '采购总监', '采购部', '138 0013 8000', 'zhang.wei@example.cn'],
    ['华为技术有限公司', '李娜', '技术经理', '研发部', '139-0000-1111', 'li.na@example.cn'],
    ['上海汽车集团', '王芳', '总经理', '', '021-5555 0000', ''],
]).encode('gbk'))

# Excel "Unicode Text": UTF-16 LE with BOM, tabs, CRLF; a quoted cell with
# a line break and quotes in it.
write('contacts-excel-utf16.txt', b'\xff\xfe' + csv_text([
    ['Account Name', 'First Name', 'Last Name', 'Title', 'Phone', 'Email', 'Notes'],
    ['Shanghai Auto Group', 'Anna', 'Schmidt', 'Head of Purchasing', '+49 30 1234', 'anna@example.de',
     'Met at the "Auto China" fair\nPrefers email'],
    ['青岛啤酒', '强', '刘', '销售副总裁', '0532-8888', 'liu.qiang@example.cn', ''],
], delimiter='\t').encode('utf-16-le'))

# Salesforce Data Export: UTF-8, every field quoted, its own header names.
write('salesforce-accounts.csv', csv_text([
    ['Account ID', 'Account Name', 'Annual Revenue', 'Billing City', 'Industry', 'Description'],
    ['0015g00000AbCdEAAV', 'Acme Industrial GmbH', '5000000', 'Munich', 'Machinery',
     'Key account since 2019.\nTwo plants, "Werk Nord" and "Werk Süd".'],
    ['0015g00000AbCdFAAV', 'Shanghai Auto Group', '12000000.00', 'Shanghai', 'Automotive', ''],
]).replace('\r\n', '\n').encode('utf-8'))

write('salesforce-opportunities.csv', csv_text([
    ['Opportunity ID', 'Account ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date', 'Probability (%)'],
    ['0065g00000XyZ1AAA', '0015g00000AbCdEAAV', 'Line 3 retrofit', 'Proposal/Price Quote', '250000', '3/15/2026', '60'],
    ['0065g00000XyZ2AAA', '0015g00000AbCdFAAV', 'Fleet service contract', 'Closed Won', '1,800,000.00', '12/01/2025', '100'],
]).encode('utf-8'))

# German Excel: semicolons, DD.MM.YYYY; a Chinese date too.
write('visits-semicolon.csv', ('\ufeff' + csv_text([
    ['Account', 'Date', 'Subject', 'Place', 'Status'],
    ['Acme Industrial GmbH', '14.01.2026 10:30', 'Quarterly review', 'Munich', 'done'],
    ['Shanghai Auto Group', '2026年1月5日', 'New year visit', 'Shanghai', 'planned'],
], delimiter=';')).encode('utf-8'))

# Broken: a number that is none, dates that are no dates or ambiguous, an
# unknown account, a ragged row.
write('opportunities-bad.csv', csv_text([
    ['Account Name', 'Opportunity Name', 'Amount', 'Close Date'],
    ['Acme Industrial GmbH', 'Good one', '1000', '2026-06-30'],
    ['Acme Industrial GmbH', 'Bad amount', 'about a million', '2026-06-30'],
    ['Acme Industrial GmbH', 'Bad date', '1000', '31/31/2026'],
    ['Acme Industrial GmbH', 'Ambiguous date', '1000', '03/04/2026'],
    ['Nobody Ltd', 'Unknown account', '1000', '2026-06-30'],
    ['Acme Industrial GmbH', 'Ragged', '1000'],
]).encode('utf-8'))

# Western European text saved as "ANSI" (Windows-1252): not UTF-8, not GBK.
write('wrong-encoding.csv', 'Account Name,Region\r\nCafé Müller,Zürich\r\n'.encode('cp1252'))

# What people try to import: an Excel workbook (a zip file).
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
    z.writestr('xl/workbook.xml', '<workbook/>')
write('accounts.xlsx', buf.getvalue())


# A phone of 2008: vCard 2.1, GBK, quoted-printable with soft line breaks.
def qp(text, charset='gbk'):
    return quopri.encodestring(text.encode(charset)).decode('ascii')


long_note = '这是一个很长的备注，用来测试软换行：客户经理每季度拜访一次，关注回款和毛利率。'
note_qp = ''.join('=%02X' % b for b in long_note.encode('gbk'))
note_lines = [note_qp[i:i + 60] for i in range(0, len(note_qp), 60)]
write('phone-2.1.vcf', (
    'BEGIN:VCARD\r\n'
    'VERSION:2.1\r\n'
    'N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + qp('李') + ';' + qp('娜') + '\r\n'
    'FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + qp('李娜') + '\r\n'
    'ORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + qp('华为技术有限公司') + ';' + qp('研发部') + '\r\n'
    'TITLE;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + qp('高级技术经理') + '\r\n'
    'TEL;WORK:0755-2878 0808\r\n'
    'TEL;CELL;PREF:13900001111\r\n'
    'EMAIL;INTERNET:li.na@example.cn\r\n'
    'NOTE;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + '=\r\n'.join(note_lines) + '\r\n'
    'END:VCARD\r\n'
    'BEGIN:VCARD\r\n'
    'VERSION:2.1\r\n'
    'N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + qp('赵') + ';' + qp('敏') + '\r\n'
    'ORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:' + qp('青岛啤酒') + '\r\n'
    'TEL;CELL:13700002222\r\n'
    'PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n'
    ' /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////\r\n'
    '\r\n'
    'END:VCARD\r\n').encode('ascii'))

# vCard 3.0 as a mail program writes it: folded lines, escapes, ADR, BDAY.
write('contacts-3.0.vcf', (
    'BEGIN:VCARD\r\n'
    'VERSION:3.0\r\n'
    'FN:Anna Schmidt\r\n'
    'N:Schmidt;Anna;;;\r\n'
    'ORG:Acme Industrial GmbH;Purchasing\\, Europe\r\n'
    'TITLE:Head of Purchasing\r\n'
    'item1.EMAIL;TYPE=INTERNET,WORK:anna.schmidt@example.de\r\n'
    'TEL;TYPE=WORK,VOICE:+49 89 1234 5678\r\n'
    'ADR;TYPE=WORK:;;Leopoldstraße 1;München;Bayern;80802;Germany\r\n'
    'BDAY:1980-03-15\r\n'
    'NOTE:Prefers meetings in the morning.\\nAsk about the new plant\\; budget\r\n'
    '  is approved for 2026.\r\n'
    'UID:urn:uuid:4f5a6b7c-0000-4000-8000-000000000001\r\n'
    'END:VCARD\r\n').encode('utf-8'))
