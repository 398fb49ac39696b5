// The grammar of assignment on made-up passages written the way directives are: who is assigned
// (roles, lists, lead-ins, addressees), what is not a task, and bodies that changed their names.
import { describe, expect, it } from 'vitest';
import { extractDirectives } from '../src/extract.ts';
import type { ExtractedDocument, ExtractedTask } from '../src/types.ts';

function documentOf(
  body: string[],
  header = ['BỘ Y TẾ', 'Số: 15/BYT-KH', 'Hà Nội, ngày 2 tháng 3 năm 2025', 'KẾ HOẠCH'],
) {
  return extractDirectives([...header, ...body].join('\n')).documents[0] as ExtractedDocument;
}
function tasksOf(body: string[]): ExtractedTask[] {
  return documentOf(body).tasks;
}

describe('who is assigned', () => {
  it('a role holder stands for the body; "the Ministers of: A, B" are two ministries', () => {
    const tasks = tasksOf([
      '1. Bộ trưởng các Bộ: Y tế, Giáo dục và Đào tạo chỉ đạo kiểm tra an toàn thực phẩm tại trường học.',
      '2. Chủ tịch Ủy ban nhân dân tỉnh Lào Cai chỉ đạo rà soát các điểm trường vùng cao.',
      '3. Giám đốc Sở Y tế tổ chức tập huấn cho nhân viên y tế trường học.',
      '4. Bí thư, Chủ tịch Ủy ban nhân dân cấp xã trực tiếp chỉ đạo công tác vệ sinh môi trường.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([
      ['Bộ Y tế', 'Bộ Giáo dục và Đào tạo'],
      ['Ủy ban nhân dân tỉnh Lào Cai'],
      ['Sở Y tế'],
      // Two titles name persons: kept as written.
      ['Bí thư, Chủ tịch Ủy ban nhân dân cấp xã'],
    ]);
  });

  it('the Party committees of the lower levels, listed, are one group that leads', () => {
    const [task] = tasksOf([
      '3. Các huyện ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy căn cứ hướng dẫn này tổ chức hội nghị quán triệt, xong trước ngày 20/5/2025.',
    ]);
    expect(task?.lead).toEqual(['Các huyện ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy']);
    expect(task?.deadline?.kind).toBe('date');
  });

  it('"các đồng chí" before village heads is a form of address: the roles lead', () => {
    const tasks = tasksOf([
      '1. Các đồng chí Trưởng thôn, Tổ trưởng tổ dân phố vận động các hộ dọn vệ sinh kênh mương vào Chủ nhật hằng tuần.',
      '2. Các trưởng thôn lập danh sách hộ nghèo, gửi Ủy ban nhân dân xã trước ngày 5/6/2025.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Trưởng thôn, Tổ trưởng tổ dân phố'], ['Các trưởng thôn']]);
  });

  it('the ministers and heads of government agencies are the ministries and agencies', () => {
    const [task] = tasksOf([
      'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương xây dựng kế hoạch thực hiện, ban hành trước ngày 30/4/2025.',
    ]);
    expect(task?.lead).toEqual([
      'Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
    ]);
    expect(task?.deadline.due).toBe('2025-04-29');
  });

  it('a lead-in naming a body gives it every bullet, whatever verb opens the bullet', () => {
    const tasks = tasksOf([
      'II. NHIỆM VỤ',
      '1. Đảng ủy xã Tân Lập lãnh đạo, chỉ đạo:',
      '- Đưa chỉ tiêu chuyển đổi số vào nghị quyết hằng năm của Đảng ủy.',
      '- Củng cố Tổ công nghệ số cộng đồng ở các thôn; hoàn thành trong quý II/2025.',
    ]);
    expect(tasks).toHaveLength(2);
    for (const t of tasks) expect(t.lead).toEqual(['Đảng ủy xã Tân Lập']);
    expect(tasks[1]?.deadline.due).toBe('2025-06-30');
    // A body the registry does not know: the review page shows the lead for a look.
    expect(tasks[0]?.confidence.lead).toMatchObject({ reason: 'unknown-body' });
    expect(tasks[0]?.confidence.lead.score).toBeLessThan(0.7);
  });

  it('what to do first, then "Giao X chủ trì …": one task from the start of the item', () => {
    const [task, ...rest] = tasksOf([
      'c) Nghiên cứu cơ chế tài chính đặc thù cho trạm y tế xã. Giao Bộ Tài chính chủ trì, phối hợp với Bộ Y tế thực hiện, báo cáo trong tháng 9/2025.',
    ]);
    expect(rest).toHaveLength(0);
    expect(task?.text.startsWith('Nghiên cứu cơ chế')).toBe(true);
    expect(task).toMatchObject({ lead: ['Bộ Tài chính'], coordinating: ['Bộ Y tế'], deadline: { due: '2025-09-30' } });
  });

  it('a time phrase before the assignee, and a role statement, still assign', () => {
    const tasks = tasksOf([
      'a) Định kỳ, Bộ Y tế chủ trì tổng hợp tình hình, hằng quý báo cáo Thủ tướng Chính phủ.',
      'b) Sở Nội vụ là cơ quan đầu mối theo dõi việc thực hiện Kế hoạch.',
      'c) Bộ Xây dựng làm việc với Ủy ban nhân dân tỉnh Cao Bằng để thống nhất danh mục dự án.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Bộ Y tế'], ['Sở Nội vụ'], ['Bộ Xây dựng']]);
    expect(tasks[0]?.deadline).toMatchObject({ kind: 'recurring', period: 'quarterly' });
    expect(tasks[2]?.coordinating).toEqual(['Ủy ban nhân dân tỉnh Cao Bằng']);
  });

  it('names the registry does not know: abbreviations spelled out, not cut at a verb-like word', () => {
    const tasks = tasksOf([
      '1. UBND xã Tân Lập chủ trì rà soát hộ nghèo.',
      '2. Quỹ hỗ trợ phát triển hợp tác xã chủ trì cho vay ưu đãi.',
      '3. Ủy ban MTTQ xã phối hợp vận động người dân.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([
      ['Ủy ban nhân dân xã Tân Lập'],
      ['Quỹ hỗ trợ phát triển hợp tác xã'],
      ['Ủy ban Mặt trận Tổ quốc Việt Nam xã'],
    ]);
  });
});

describe('addressees, letters to one body and what is not a task', () => {
  it('"Kính gửi" lines are addressees, never tasks; a letter to one body gives it the unnamed items', () => {
    const doc = documentOf(
      [
        'Kính gửi: Sở Tư pháp.',
        'Thực hiện Kế hoạch số 20/KH-UBND ngày 15/3/2025 của Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:',
        '1. Rà soát thủ tục hành chính lĩnh vực hộ tịch, hoàn thành trong tháng 5/2025.',
        '2. Giao Sở Nội vụ phối hợp hướng dẫn các xã sắp xếp công chức tư pháp.',
        'Yêu cầu Sở Tư pháp khẩn trương triển khai thực hiện./.',
      ],
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH NINH BÌNH',
        'Số: 301/UBND-NC',
        'Ninh Bình, ngày 2 tháng 4 năm 2025',
        'V/v rà soát thủ tục hành chính',
      ],
    );
    expect(doc).toMatchObject({ type: 'Công văn', level: 'province', addressees: ['Sở Tư pháp'] });
    expect(doc.tasks.map((t) => [t.lead, t.confidence.lead.reason])).toEqual([
      [['Sở Tư pháp'], 'implicit'],
      [['Sở Nội vụ'], 'explicit'],
    ]);
    expect(doc.tasks[0]?.deadline.due).toBe('2025-05-31');
  });

  it('a telegram\'s addressees ("… điện:") are not tasks and the last one does not swallow the text', () => {
    const doc = documentOf(
      [
        'CÔNG ĐIỆN',
        'Về việc ứng phó bão số 3',
        'THỦ TƯỚNG CHÍNH PHỦ điện:',
        '- Bộ trưởng các Bộ: Quốc phòng, Công an;',
        '- Chủ tịch Ủy ban nhân dân các tỉnh ven biển từ Quảng Ninh đến Thanh Hóa.',
        'Bão số 3 đang di chuyển nhanh, dự kiến đổ bộ vào ngày 20/7/2025.',
        '1. Bộ trưởng Bộ Quốc phòng chỉ đạo lực lượng sẵn sàng cứu hộ.',
      ],
      ['THỦ TƯỚNG CHÍNH PHỦ', 'Số: 120/CĐ-TTg', 'Hà Nội, ngày 18 tháng 7 năm 2025'],
    );
    expect(doc).toMatchObject({ type: 'Công điện', issuer: 'Thủ tướng Chính phủ' });
    expect(doc.addressees).toContain('Bộ Quốc phòng');
    expect(doc.tasks).toHaveLength(1);
    expect(doc.tasks[0]).toMatchObject({ lead: ['Bộ Quốc phòng'], deadline: { kind: 'none' } });
  });

  it('the date of a cited document is no deadline, written in figures or in words', () => {
    const [task] = tasksOf([
      '1. Bộ Y tế tiếp tục thực hiện Chỉ thị số 12/CT-TTg ngày 03 tháng 4 năm 2025 của Thủ tướng Chính phủ về phòng, chống dịch.',
    ]);
    expect(task?.deadline.kind).toBe('none');
  });

  it('closing formulas and standing offers to report difficulties are not tasks', () => {
    const tasks = tasksOf([
      '1. Sở Y tế chủ trì tổ chức tập huấn, hoàn thành trong tháng 6/2025.',
      'Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo Bộ Y tế để xem xét, giải quyết./.',
    ]);
    expect(tasks).toHaveLength(1);
  });
});

describe('places named after a plural unit word, with or without a colon', () => {
  it('"Ủy ban nhân dân các xã A, B" is each commune\'s committee; "các phường: C và D" each ward', () => {
    const tasks = tasksOf([
      '1. Ủy ban nhân dân các xã Hòa Bình, Tân Phú hoàn thành chi trả tiền bồi thường trước ngày 30/5/2025.',
      '2. Các phường: An Lạc và Tân Tạo rà soát hộ nghèo.',
      '3. Ủy ban nhân dân các tỉnh Lào Cai, Tuyên Quang chỉ đạo che chắn chuồng trại cho gia súc.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([
      ['Ủy ban nhân dân xã Hòa Bình', 'Ủy ban nhân dân xã Tân Phú'],
      ['Phường An Lạc', 'Phường Tân Tạo'],
      ['Ủy ban nhân dân tỉnh Lào Cai', 'Ủy ban nhân dân tỉnh Tuyên Quang'],
    ]);
  });

  it('the generic "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" stays one group', () => {
    const [task] = tasksOf(['1. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương rà soát quy hoạch.']);
    expect(task?.lead).toEqual(['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']);
  });
});

describe('"Quý Cơ quan": the letter\'s addressees, addressed politely', () => {
  it('"đề nghị Quý Cơ quan báo cáo …" is work for every addressee', () => {
    const doc = documentOf(
      [
        'Kính gửi:',
        '- Bộ Y tế;',
        '- Bộ Giáo dục và Đào tạo.',
        'Để tổng hợp báo cáo Chính phủ, Bộ Tài chính đề nghị Quý Cơ quan báo cáo tình hình sử dụng kinh phí năm 2025, gửi về Bộ Tài chính trước ngày 15/6/2025.',
        'Trân trọng./.',
      ],
      ['BỘ TÀI CHÍNH', 'Số: 77/BTC-HCSN', 'Hà Nội, ngày 2 tháng 6 năm 2025', 'V/v báo cáo kinh phí'],
    );
    expect(doc.tasks.map((t) => t.lead)).toEqual([['Bộ Y tế', 'Bộ Giáo dục và Đào tạo']]);
  });
});

describe('an item with its fields written as lines under it (a table row in prose)', () => {
  it('"Cơ quan chủ trì:", "Cơ quan phối hợp:", "Thời gian hoàn thành:" give the lead, coordinating bodies and deadline', () => {
    const tasks = tasksOf([
      'II. NHIỆM VỤ, GIẢI PHÁP',
      '1. Số hóa hồ sơ đất đai trên địa bàn tỉnh',
      '- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.',
      '- Cơ quan phối hợp: Sở Tài chính, Công an tỉnh.',
      '- Thời gian hoàn thành: Quý III/2025.',
      '2. Kết nối hệ thống thông tin giải quyết thủ tục hành chính với cơ sở dữ liệu quốc gia',
      '- Đơn vị chủ trì: Văn phòng Ủy ban nhân dân tỉnh; đơn vị phối hợp: Sở Tư pháp; thời hạn: trước ngày 31/12/2025.',
      '- Sản phẩm: Hệ thống được kết nối, vận hành.',
    ]);
    expect(tasks.map((t) => [t.text, t.lead, t.coordinating])).toEqual([
      ['Số hóa hồ sơ đất đai trên địa bàn tỉnh', ['Sở Nông nghiệp và Môi trường'], ['Sở Tài chính', 'Công an tỉnh']],
      [
        'Kết nối hệ thống thông tin giải quyết thủ tục hành chính với cơ sở dữ liệu quốc gia',
        ['Văn phòng Ủy ban nhân dân tỉnh'],
        ['Sở Tư pháp'],
      ],
    ]);
    expect(tasks[0]?.deadline.due).toBe('2025-09-30');
    expect(tasks[1]?.deadline.due).toBe('2025-12-30');
    expect(tasks[1]?.deliverable).toBe('Hệ thống được kết nối, vận hành');
  });

  it('a list of bodies before a colon is no field: "Các Bộ, cơ quan: A, B chủ trì …" stays an assignment', () => {
    const tasks = tasksOf([
      '1. Hoàn thiện thể chế về dữ liệu',
      '- Các Bộ, cơ quan: Tư pháp, Công an chủ trì rà soát các văn bản quy phạm pháp luật về dữ liệu.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Bộ Tư pháp', 'Bộ Công an']]);
  });
});

describe('a sentence that opens with its grounds ("Thực hiện …, X đề nghị Y …")', () => {
  const letter = ['BỘ NỘI VỤ', 'Số: 88/BNV-CCHC', 'Hà Nội, ngày 5 tháng 5 năm 2025', 'V/v rà soát biên chế'];

  it('the body asked after the grounds is the assignee, in a one-paragraph letter', () => {
    const doc = documentOf(
      [
        'Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.',
        'Thực hiện ý kiến chỉ đạo của Phó Thủ tướng Chính phủ tại Công văn số 12/VPCP-KGVX ngày 2/5/2025, Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương rà soát biên chế công chức cấp xã, gửi kết quả về Bộ Nội vụ trước ngày 31/5/2025.',
        'Trân trọng./.',
      ],
      letter,
    );
    expect(doc.tasks).toHaveLength(1);
    expect(doc.tasks[0]?.lead).toEqual(['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']);
    expect(doc.tasks[0]?.deadline.due).toBe('2025-05-30');
  });

  it('a purpose clause before a list of bodies keeps the whole list', () => {
    const [task] = tasksOf([
      'Để bảo đảm tiến độ giải ngân vốn đầu tư công, các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương rà soát danh mục dự án chậm giải ngân.',
    ]);
    expect(task?.lead).toEqual([
      'Các bộ, cơ quan ngang bộ',
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
    ]);
  });

  it("a leader's titles inside the grounds and the writer issuing this plan name no assignee", () => {
    const tasks = tasksOf([
      'Cải cách hành chính nội bộ năm 2025',
      'Thực hiện kết luận của đồng chí Bộ trưởng, Trưởng Ban Chỉ đạo cải cách hành chính của Bộ, Vụ Kế hoạch - Tài chính ban hành Kế hoạch triển khai như sau:',
      '1. Rà soát các thủ tục hành chính nội bộ trong năm 2025.',
      '2. Vụ Pháp chế chủ trì đánh giá tác động của các thủ tục mới.',
    ]);
    // The first item names no one: it takes no body from the grounds or the plan's writer.
    expect(tasks.find((t) => t.text.startsWith('Rà soát'))?.lead ?? []).not.toContain(
      'Ban Chỉ đạo cải cách hành chính của Bộ',
    );
    expect(tasks.find((t) => t.text.startsWith('Rà soát'))?.lead ?? []).not.toContain('Vụ Kế hoạch - Tài chính');
    expect(tasks.find((t) => t.text.startsWith('Vụ Pháp chế'))?.lead).toEqual(['Vụ Pháp chế']);
  });

  it('grounds followed by the verb keep the assignee of the lead-in', () => {
    const tasks = tasksOf([
      '1. Bộ Y tế:',
      '- Trên cơ sở kết quả khảo sát năm 2024, chủ động phối hợp với Bộ Tài chính, Bảo hiểm xã hội Việt Nam xây dựng phương án điều chỉnh giá dịch vụ.',
    ]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.lead).toEqual(['Bộ Y tế']);
  });
});

describe('what a body is told to do: any verb after its name, not only the known ones', () => {
  it('"thông báo", "niêm yết" and verbs no list holds assign work; the writer informing, a meeting\'s record and a role described do not', () => {
    const doc = documentOf(
      [
        'Kính gửi: Các sở, ngành liên quan.',
        'Tại cuộc họp ngày 3/4/2026, Sở Tài chính nhất trí với đề xuất của Sở Xây dựng về danh mục dự án.',
        'Trật tự hành lang giao thông là điều kiện của phát triển; Sở Xây dựng giữ vai trò nòng cốt trong việc bảo vệ hành lang.',
        'Ủy ban nhân dân tỉnh yêu cầu:',
        '1. Sở Y tế thông báo lịch tiêm vắc xin đến các trạm y tế xã trước ngày 15/4/2026.',
        '2. Sở Tư pháp niêm yết công khai danh sách trợ giúp viên pháp lý.',
        '3. Sở Xây dựng và Sở Tài chính tháo dỡ các biển quảng cáo sai phép trên quốc lộ, hoàn thành trong tháng 5/2026.',
        'Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.',
      ],
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH QUẢNG NGÃI',
        'Số: 88/UBND-KT',
        'Quảng Ngãi, ngày 5 tháng 4 năm 2026',
        'V/v tổ chức thực hiện một số việc cấp bách',
      ],
    );
    expect(doc.tasks.map((t) => [t.text.slice(0, 22), t.lead])).toEqual([
      ['Sở Y tế thông báo lịch', ['Sở Y tế']],
      ['Sở Tư pháp niêm yết cô', ['Sở Tư pháp']],
      ['Sở Xây dựng và Sở Tài ', ['Sở Xây dựng', 'Sở Tài chính']],
    ]);
    expect(doc.tasks[2]?.deadline.due).toBe('2026-05-31');
  });

  it("the writer's wishes, thanks and condolences after a body's name are no work for it", () => {
    const doc = documentOf(
      [
        'Bộ Xây dựng mong muốn các địa phương sớm hoàn thành việc sắp xếp bến xe khách.',
        'Ủy ban nhân dân tỉnh chia buồn sâu sắc với gia đình các nạn nhân trong vụ tai nạn.',
        'Sở Y tế cảm ơn các y bác sĩ đã tham gia chống dịch.',
        'Ủy ban nhân dân tỉnh yêu cầu:',
        '1. Sở Giao thông vận tải kiểm tra an toàn các phương tiện thủy nội địa, hoàn thành trong tháng 7/2026.',
      ],
      ['ỦY BAN NHÂN DÂN', 'TỈNH NINH BÌNH', 'Số: 45/CĐ-UBND', 'Ninh Bình, ngày 2 tháng 7 năm 2026', 'CÔNG ĐIỆN'],
    );
    expect(doc.tasks.map((t) => t.lead)).toEqual([['Sở Giao thông vận tải']]);
  });

  it('a speaker announcing ("X thông báo … như sau:") gives no task to the speaker', () => {
    const doc = documentOf(
      [
        'Ủy ban nhân dân xã Tân Phú thông báo lịch cắt điện trên địa bàn xã cụ thể như sau:',
        'Thời gian cắt điện: Từ 7 giờ đến 17 giờ ngày 12/6/2026.',
        '1. Các thôn thông báo lịch cắt điện đến từng hộ gia đình.',
      ],
      ['ỦY BAN NHÂN DÂN', 'XÃ TÂN PHÚ', 'Số: 21/TB-UBND', 'Tân Phú, ngày 8 tháng 6 năm 2026', 'THÔNG BÁO'],
    );
    expect(doc.tasks.map((t) => [t.text.slice(0, 16), t.lead])).toEqual([['Các thôn thông b', ['Các thôn']]]);
  });
});

describe('bodies that changed their names', () => {
  it('keeps the name the document wrote and gives today’s successor beside it', () => {
    const tasks = tasksOf([
      '1. Bộ Thông tin và Truyền thông chủ trì, phối hợp với Bộ Kế hoạch và Đầu tư xây dựng nền tảng dữ liệu.',
      '2. Ủy ban nhân dân tỉnh Hà Giang hoàn thành phủ sóng di động trong năm 2025.',
      '3. Bộ Y tế rà soát danh mục thuốc.',
    ]);
    expect(tasks[0]).toMatchObject({
      lead: ['Bộ Thông tin và Truyền thông'],
      coordinating: ['Bộ Kế hoạch và Đầu tư'],
      successors: {
        'Bộ Thông tin và Truyền thông': ['Bộ Khoa học và Công nghệ'],
        'Bộ Kế hoạch và Đầu tư': ['Bộ Tài chính'],
      },
    });
    expect(tasks[0]?.unknownBodies).toEqual([]);
    expect(tasks[1]?.successors).toEqual({ 'Ủy ban nhân dân tỉnh Hà Giang': ['Ủy ban nhân dân tỉnh Tuyên Quang'] });
    expect(tasks[2]?.successors).toEqual({});
  });
});

describe('bundles: what follows the signature', () => {
  it('an action programme "ban hành kèm theo" after the signature keeps its tasks', () => {
    const doc = documentOf(
      [
        'NGHỊ QUYẾT',
        'Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động.',
        'Nơi nhận:',
        '- Như Điều 3;',
        'TM. CHÍNH PHỦ',
        'THỦ TƯỚNG',
        'Phạm Minh Chính',
        'CHƯƠNG TRÌNH HÀNH ĐỘNG',
        'CỦA CHÍNH PHỦ VỀ PHÁT TRIỂN NGUỒN NHÂN LỰC SỐ',
        '(Ban hành kèm theo Nghị quyết số 12/NQ-CP ngày 10 tháng 01 năm 2025 của Chính phủ)',
        'I. NHIỆM VỤ',
        '1. Bộ Giáo dục và Đào tạo chủ trì xây dựng chuẩn kỹ năng số, hoàn thành trong quý III/2025.',
      ],
      ['CHÍNH PHỦ', 'Số: 12/NQ-CP', 'Hà Nội, ngày 10 tháng 01 năm 2025'],
    );
    expect(doc.type).toBe('Nghị quyết');
    expect(doc.attachments).toEqual([expect.objectContaining({ type: 'Chương trình hành động', startsAtLine: 11 })]);
    expect(doc.tasks).toHaveLength(1);
    expect(doc.tasks[0]).toMatchObject({ line: 15, lead: ['Bộ Giáo dục và Đào tạo'], deadline: { due: '2025-09-30' } });
  });
});

describe('a conclusion notice of a meeting with one body', () => {
  it('gives that body the items that name no one', () => {
    const doc = documentOf(
      [
        'THÔNG BÁO',
        'KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN',
        'Ngày 5/6/2025, Phó Thủ tướng đã làm việc với lãnh đạo Ủy ban nhân dân tỉnh Điện Biên. Phó Thủ tướng kết luận như sau:',
        '1. Rà soát quy hoạch hạ tầng số của tỉnh, hoàn thành trong quý III/2025.',
        '2. Bộ Tài chính xem xét kiến nghị bổ sung vốn cho Tỉnh.',
      ],
      ['VĂN PHÒNG CHÍNH PHỦ', 'Số: 301/TB-VPCP', 'Hà Nội, ngày 10 tháng 6 năm 2025'],
    );
    expect(doc.type).toBe('Thông báo kết luận');
    expect(doc.tasks.map((t) => [t.lead, t.confidence.lead.reason])).toEqual([
      [['Ủy ban nhân dân tỉnh Điện Biên'], 'implicit'],
      [['Bộ Tài chính'], 'explicit'],
    ]);
  });
});

describe('addressees grouped by title, generic addressee lists and references back to them', () => {
  const telegram = ['THỦ TƯỚNG CHÍNH PHỦ', 'Số: 45/CĐ-TTg', 'Hà Nội, ngày 10 tháng 3 năm 2026', 'CÔNG ĐIỆN'];

  it('a lead-in naming ministers and chairs by title, then a colon: every item after it is theirs', () => {
    const doc = documentOf(
      [
        'Về việc bảo đảm cung ứng xăng dầu trong mùa khô',
        'Để chủ động ứng phó với nguy cơ thiếu hụt nguồn cung, Thủ tướng Chính phủ yêu cầu:',
        'Bộ trưởng các Bộ: Công Thương, Tài chính, Xây dựng; Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Nội, Đà Nẵng:',
        '- Khẩn trương kiểm tra hệ thống kho chứa, bảo đảm dự trữ đủ ba mươi ngày, hoàn thành trước ngày 31 tháng 3 năm 2026.',
        '- Tăng cường thanh tra, xử lý nghiêm các cửa hàng găm hàng, báo cáo kết quả về Văn phòng Chính phủ.',
        'Đề nghị Bộ trưởng các Bộ: Nông nghiệp và Môi trường, Y tế, chỉ đạo rà soát nhu cầu nhiên liệu của ngành, gửi Bộ Công Thương trước ngày 20 tháng 3 năm 2026.',
      ],
      telegram,
    );
    const groups = [
      'Bộ Công Thương',
      'Bộ Tài chính',
      'Bộ Xây dựng',
      'Ủy ban nhân dân thành phố Hà Nội',
      'Ủy ban nhân dân thành phố Đà Nẵng',
    ];
    expect(doc.tasks.map((t) => [t.text.slice(0, 20), t.lead])).toEqual([
      ['Khẩn trương kiểm tra', groups],
      ['Tăng cường thanh tra', groups],
      ['Đề nghị Bộ trưởng cá', ['Bộ Nông nghiệp và Môi trường', 'Bộ Y tế']],
    ]);
    expect(doc.tasks[0]?.deadline.due).toBe('2026-03-30');
  });

  it('the grouped lead-in with its task on the same line', () => {
    const [task, ...rest] = tasksOf([
      '2. Bộ trưởng các Bộ: Công Thương, Xây dựng; Chủ tịch Ủy ban nhân dân các tỉnh: Nghệ An, Hà Tĩnh khẩn trương kiểm tra an toàn các hồ chứa trước mùa mưa lũ.',
    ]);
    expect(rest).toHaveLength(0);
    expect(task?.lead).toEqual([
      'Bộ Công Thương',
      'Bộ Xây dựng',
      'Ủy ban nhân dân tỉnh Nghệ An',
      'Ủy ban nhân dân tỉnh Hà Tĩnh',
    ]);
  });

  it('"Thủ tướng Chính phủ yêu cầu Bộ trưởng các Bộ: …; Chủ tịch …: …:" gives the items to the bodies asked', () => {
    const doc = documentOf(
      [
        'Về việc phòng, chống cháy rừng',
        'Thủ tướng Chính phủ yêu cầu Bộ trưởng các Bộ: Nông nghiệp và Môi trường, Công an, Quốc phòng; Chủ tịch Ủy ban nhân dân các tỉnh: Lâm Đồng, Đắk Lắk, Gia Lai:',
        '1. Tăng cường tuần tra, canh gác tại các khu rừng có nguy cơ cháy cao.',
        '2. Bố trí lực lượng, phương tiện sẵn sàng chữa cháy, hoàn thành trước ngày 20/3/2026.',
        '3. Các tỉnh nêu trên báo cáo tình hình về Bộ Nông nghiệp và Môi trường hằng tuần.',
      ],
      telegram,
    );
    const provinces = ['Ủy ban nhân dân tỉnh Lâm Đồng', 'Ủy ban nhân dân tỉnh Đắk Lắk', 'Ủy ban nhân dân tỉnh Gia Lai'];
    const all = ['Bộ Nông nghiệp và Môi trường', 'Bộ Công an', 'Bộ Quốc phòng', ...provinces];
    expect(doc.tasks.map((t) => t.lead)).toEqual([all, all, provinces]);
    expect(doc.tasks[2]?.deadline).toMatchObject({ kind: 'recurring', period: 'weekly' });
  });

  it('the groups may be joined by a comma or "và" where the next title opens', () => {
    const tasks = tasksOf([
      '1. Bộ trưởng các Bộ: Công Thương, Tài chính, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Nội, Đà Nẵng tăng cường kiểm tra thị trường xăng dầu.',
      '2. Chủ tịch UBND các tỉnh: Nghệ An, Hà Tĩnh và Bộ trưởng các Bộ: Xây dựng, Công an theo chức năng, nhiệm vụ được giao:',
      'a) Bảo đảm giao thông thông suốt trên các tuyến quốc lộ qua địa bàn.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([
      ['Bộ Công Thương', 'Bộ Tài chính', 'Ủy ban nhân dân thành phố Hà Nội', 'Ủy ban nhân dân thành phố Đà Nẵng'],
      ['Ủy ban nhân dân tỉnh Nghệ An', 'Ủy ban nhân dân tỉnh Hà Tĩnh', 'Bộ Xây dựng', 'Bộ Công an'],
    ]);
  });

  it('"Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch …" is the generic group', () => {
    const generic = [
      'Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
    ];
    const tasks = tasksOf([
      '1. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo rà soát các dự án chậm giải ngân, hoàn thành trong tháng 4/2026.',
      '2. Bộ trưởng các Bộ, Thủ trưởng các cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương theo chức năng, nhiệm vụ được giao:',
      'a) Công khai danh mục thủ tục hành chính trên Cổng Dịch vụ công quốc gia.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([generic, generic]);
    expect(tasks[0]?.deadline.due).toBe('2026-04-30');
    expect(tasks[0]?.unknownBodies).toEqual([]);
  });

  it('"các tỉnh nêu trên", "các địa phương nói trên", "các cơ quan, đơn vị trên" are the addressees', () => {
    const doc = documentOf(
      [
        'V/v chủ động phòng, chống hạn hán, xâm nhập mặn',
        'Kính gửi:',
        '- Ủy ban nhân dân các tỉnh: Cà Mau, An Giang, Vĩnh Long;',
        '- Bộ Công Thương.',
        'Dự báo trong tháng 5 năm 2026, xâm nhập mặn tại đồng bằng sông Cửu Long diễn biến phức tạp. Bộ Nông nghiệp và Môi trường đề nghị:',
        '1. Ủy ban nhân dân các tỉnh nêu trên chỉ đạo vận hành hợp lý các cống ngăn mặn, hoàn thành trước ngày 15/5/2026.',
        '2. Các địa phương nói trên tổ chức lấy nước ngọt vào hệ thống kênh nội đồng khi độ mặn cho phép.',
        '3. Đề nghị các cơ quan, đơn vị trên báo cáo tình hình về Bộ Nông nghiệp và Môi trường trước ngày 30/6/2026.',
      ],
      ['BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'Số: 210/BNNMT-TL', 'Hà Nội, ngày 5 tháng 5 năm 2026'],
    );
    const provinces = [
      'Ủy ban nhân dân tỉnh Cà Mau',
      'Ủy ban nhân dân tỉnh An Giang',
      'Ủy ban nhân dân tỉnh Vĩnh Long',
    ];
    expect(doc.tasks.map((t) => t.lead)).toEqual([provinces, provinces, [...provinces, 'Bộ Công Thương']]);
    for (const t of doc.tasks) expect(t.unknownBodies).toEqual([]);
  });

  it('"các bộ nêu trên" and "các tỉnh nêu trên" in a telegram are the ministries and provinces it names', () => {
    const doc = documentOf(
      [
        'Về việc khắc phục hậu quả mưa lũ',
        'THỦ TƯỚNG CHÍNH PHỦ điện:',
        '- Chủ tịch Ủy ban nhân dân các tỉnh: Sơn La, Điện Biên, Lai Châu;',
        '- Bộ trưởng các Bộ: Quốc phòng, Công an, Xây dựng.',
        'Trong những ngày qua, mưa lớn đã gây thiệt hại nặng nề. Thủ tướng Chính phủ yêu cầu:',
        '1. Chủ tịch Ủy ban nhân dân các tỉnh nêu trên khẩn trương tìm kiếm người mất tích, hỗ trợ chỗ ở tạm cho các hộ mất nhà.',
        '2. Bộ trưởng các bộ nêu trên chỉ đạo lực lượng phối hợp với các địa phương nêu trên khắc phục hậu quả, hoàn thành trước ngày 31/8/2026.',
      ],
      ['THỦ TƯỚNG CHÍNH PHỦ', 'Số: 77/CĐ-TTg', 'Hà Nội, ngày 12 tháng 8 năm 2026', 'CÔNG ĐIỆN'],
    );
    const provinces = [
      'Ủy ban nhân dân tỉnh Sơn La',
      'Ủy ban nhân dân tỉnh Điện Biên',
      'Ủy ban nhân dân tỉnh Lai Châu',
    ];
    expect(doc.tasks.map((t) => [t.lead, t.coordinating])).toEqual([
      [provinces, []],
      [['Bộ Quốc phòng', 'Bộ Công an', 'Bộ Xây dựng'], provinces],
    ]);
  });

  it('"Sở Y tế các tỉnh, thành phố: A, B" is each place\'s department; back-references to them and to their provinces', () => {
    const doc = documentOf(
      [
        'V/v phòng, chống dịch tay chân miệng',
        'Kính gửi:',
        '- Sở Y tế các tỉnh, thành phố: Cần Thơ, Đồng Tháp, An Giang;',
        '- Viện Pasteur Thành phố Hồ Chí Minh.',
        '1. Đề nghị Sở Y tế các tỉnh, thành phố nêu trên tham mưu Ủy ban nhân dân cấp tỉnh chỉ đạo giám sát chặt chẽ ổ dịch.',
        '2. Các đơn vị nêu trên báo cáo số ca mắc về Cục Phòng bệnh trước ngày 15/6/2026.',
        '3. Các tỉnh, thành phố nêu trên bố trí kinh phí phòng, chống dịch.',
      ],
      ['BỘ Y TẾ', 'Số: 88/BYT-DP', 'Hà Nội, ngày 5 tháng 5 năm 2026'],
    );
    const departments = ['Sở Y tế thành phố Cần Thơ', 'Sở Y tế tỉnh Đồng Tháp', 'Sở Y tế tỉnh An Giang'];
    expect(doc.addressees).toEqual([...departments, 'Viện Pasteur Thành phố Hồ Chí Minh']);
    expect(doc.tasks.map((t) => t.lead)).toEqual([
      departments,
      [...departments, 'Viện Pasteur Thành phố Hồ Chí Minh'],
      ['Thành phố Cần Thơ', 'Tỉnh Đồng Tháp', 'Tỉnh An Giang'],
    ]);
  });

  it('with no addressee block, "các tỉnh nêu trên" are the provinces named by the lead-in before it', () => {
    const tasks = tasksOf([
      '1. Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Trị, Huế tổ chức sơ tán người dân khỏi vùng nguy hiểm.',
      '2. Bộ Quốc phòng chỉ đạo lực lượng hỗ trợ các tỉnh nêu trên di dời tài sản.',
      '3. Các tỉnh nêu trên báo cáo thiệt hại về Bộ Nông nghiệp và Môi trường trước ngày 30/9/2025.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([
      ['Ủy ban nhân dân tỉnh Quảng Trị', 'Ủy ban nhân dân thành phố Huế'],
      ['Bộ Quốc phòng'],
      ['Ủy ban nhân dân tỉnh Quảng Trị', 'Ủy ban nhân dân thành phố Huế'],
    ]);
  });
});

describe('an item titled by its work, assigned on the line under it', () => {
  const tasks = tasksOf([
    'I. NHIỆM VỤ',
    '1. Số hóa hồ sơ hộ tịch',
    'Giao Sở Tư pháp chủ trì, phối hợp với Ủy ban nhân dân các xã thực hiện; hoàn thành trong quý II năm 2025.',
    '2. Mở lớp bồi dưỡng kỹ năng số',
    'Giao Sở Nội vụ chủ trì thực hiện.',
    '3. Phát triển du lịch cộng đồng',
    'Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Tài chính lập đề án hỗ trợ các làng nghề.',
  ]);

  it('the title is the work and the task starts on its line; the line under it gives lead, partners and deadline', () => {
    expect(tasks).toHaveLength(3);
    const [records, training] = tasks;
    expect(records?.text.startsWith('Số hóa hồ sơ hộ tịch. Giao Sở Tư pháp')).toBe(true);
    expect(records?.line).toBe(6);
    expect(records?.lead).toEqual(['Sở Tư pháp']);
    expect(records?.deadline.due).toBe('2025-06-30');
    expect(training?.text).toBe('Mở lớp bồi dưỡng kỹ năng số. Giao Sở Nội vụ chủ trì thực hiện.');
  });

  it('an assignment that names its own work after the partners stays as written', () => {
    expect(tasks[2]?.text.startsWith('Giao Sở Văn hóa, Thể thao và Du lịch chủ trì')).toBe(true);
    expect(tasks[2]?.coordinating).toEqual(['Sở Tài chính']);
  });
});

describe('a short notice of a commune meeting', () => {
  it('finds every task and its lead: civil servants, the military command, villages, a deputy chair', () => {
    const doc = documentOf(
      [
        'THÔNG BÁO',
        'Kết luận của Chủ tịch Ủy ban nhân dân xã tại cuộc họp giao ban tháng 10 năm 2026',
        'Ngày 13/10/2026, Chủ tịch Ủy ban nhân dân xã chủ trì cuộc họp giao ban đánh giá tình hình thực hiện nhiệm vụ tháng 10. Sau khi nghe các ý kiến phát biểu, Chủ tịch Ủy ban nhân dân xã kết luận như sau: Giao Công chức Văn phòng - Thống kê tổng hợp báo cáo kết quả thực hiện nhiệm vụ năm 2026 của xã, trình Chủ tịch Ủy ban nhân dân xã trước ngày 25/11/2026. Ban Chỉ huy Quân sự xã phối hợp với Công an xã rà soát, lập danh sách thanh niên trong độ tuổi sẵn sàng nhập ngũ, hoàn thành trong tháng 11/2026. Các thôn tổ chức ra quân tổng vệ sinh môi trường vào sáng Chủ nhật hằng tuần.',
        'Đồng chí Phó Chủ tịch Ủy ban nhân dân xã phụ trách văn hóa - xã hội chỉ đạo kiểm tra việc chi trả trợ cấp cho người có công trên địa bàn xã. Công chức Tài chính - Kế toán chủ động bố trí kinh phí tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các thôn.',
      ],
      ['ỦY BAN NHÂN DÂN', 'XÃ HÒA PHONG', 'Số: 58/TB-UBND', 'Hòa Phong, ngày 14 tháng 10 năm 2026'],
    );
    expect(doc.level).toBe('commune');
    expect(doc.tasks.map((t) => [t.text.slice(0, 24), t.lead])).toEqual([
      ['Giao Công chức Văn phòng', ['Công chức Văn phòng - Thống kê']],
      ['Ban Chỉ huy Quân sự xã p', ['Ban Chỉ huy Quân sự xã']],
      ['Các thôn tổ chức ra quân', ['Các thôn']],
      ['Đồng chí Phó Chủ tịch Ủy', ['Đồng chí Phó Chủ tịch Ủy ban nhân dân xã']],
      ['Công chức Tài chính - Kế', ['Công chức Tài chính - Kế toán']],
    ]);
    expect(doc.tasks.map((t) => t.deadline.due)).toEqual(['2026-11-24', '2026-11-30', null, null, null]);
    expect(doc.tasks[1]?.coordinating).toEqual(['Công an xã']);
  });
  it('numbered conclusions after "kết luận như sau:": offices, village heads, a deputy chair by name, an hour before the day', () => {
    const doc = documentOf(
      [
        'THÔNG BÁO',
        'Ý kiến kết luận của Chủ tịch UBND xã tại cuộc họp triển khai công tác phòng, chống bão số 5',
        'Chiều ngày 02/9/2026, UBND xã tổ chức cuộc họp triển khai công tác phòng, chống bão số 5. Sau khi nghe ý kiến các thành viên, Chủ tịch UBND xã kết luận như sau:',
        '1. Giao đồng chí Phó Chủ tịch UBND xã trực tiếp chỉ đạo công tác sơ tán dân ở các khu vực trũng thấp.',
        '2. Văn phòng HĐND và UBND xã tổng hợp tình hình thiệt hại, báo cáo UBND xã trước 17 giờ ngày 05/9/2026.',
        '3. Trưởng các thôn rà soát các hộ dân có nhà ở không an toàn, vận động di dời đến nơi an toàn.',
        '4. Công an xã phối hợp với Ban Chỉ huy Quân sự xã bố trí lực lượng trực 24/24 giờ.',
        '5. Giao công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường kiểm tra các tuyến đê bao, hoàn thành trước ngày 04/9/2026.',
        '6. Đồng chí Nguyễn Văn Nam, Phó Chủ tịch UBND xã kiểm tra, đôn đốc việc thực hiện.',
      ],
      ['ỦY BAN NHÂN DÂN', 'XÃ AN BÌNH', 'Số: 12/TB-UBND', 'An Bình, ngày 3 tháng 9 năm 2026'],
    );
    expect(doc.tasks.map((t) => [t.lead, t.coordinating, t.deadline.due])).toEqual([
      [['Đồng chí Phó Chủ tịch Ủy ban nhân dân xã'], [], null],
      [['Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã'], [], '2026-09-05'],
      [['Trưởng các thôn'], [], null],
      [['Công an xã'], ['Ban Chỉ huy Quân sự xã'], null],
      [['Công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường'], [], '2026-09-03'],
      [['Đồng chí Nguyễn Văn Nam, Phó Chủ tịch Ủy ban nhân dân xã'], [], null],
    ]);
  });
  it('tasks and the closing formula in one paragraph; a clause after ";" naming another body is its task', () => {
    const doc = documentOf(
      [
        'THÔNG BÁO',
        'Về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026',
        'Để Ngày hội diễn ra trang trọng, thiết thực, UBND xã giao Công chức Văn hóa - Xã hội chủ trì, phối hợp với các thôn tổ chức Ngày hội tại nhà văn hóa các thôn, hoàn thành trước ngày 18/11/2026; UBND xã đề nghị Ban Chỉ huy Quân sự xã, Công an xã bảo đảm an ninh trật tự trong thời gian tổ chức Ngày hội.',
        'Tiến độ thu ngân sách còn chậm. Giao đồng chí Phó Chủ tịch UBND xã phụ trách kinh tế chỉ đạo đôn đốc các hộ nộp thuế, hoàn thành trước ngày 25/12/2026. Đề nghị các thôn tuyên truyền để nhân dân biết, thực hiện.',
      ],
      ['UBND XÃ TÂN HÒA', 'Số: 45/TB-UBND', 'Tân Hòa, ngày 10 tháng 11 năm 2026'],
    );
    expect(doc.issuer).toBe('Ủy ban nhân dân xã Tân Hòa');
    expect(doc.tasks.map((t) => [t.lead, t.deadline.due])).toEqual([
      [['Công chức Văn hóa - Xã hội'], '2026-11-17'],
      [['Ban Chỉ huy Quân sự xã', 'Công an xã'], null],
      [['Đồng chí Phó Chủ tịch Ủy ban nhân dân xã'], '2026-12-24'],
    ]);
    expect(doc.tasks[0]?.coordinating).toEqual(['Các thôn']);
  });
  it('"Ủy ban nhân dân xã thông báo: …" is the speaker; the body named after the colon acts', () => {
    const tasks = tasksOf([
      'UBND xã thông báo: Từ ngày 01/12/2026 đến hết ngày 03/12/2026, các thôn tổ chức kiểm tra đường ống cấp nước trên địa bàn.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Các thôn']]);
  });
});
