// Review sessions (评审会): candidates, the meeting, attendance, committee scores and ballots.
import type { Section } from '../section';

export default {
  zh: {
    sessions: {
      status: { preparing: '筹备中', drawn: '已抽取评委', meeting: '会议中', voted: '已表决', publicity: '公示中', finalised: '已定案' },
      tabs: { candidates: '参评人员', draw: '评委抽取', meeting: '评审会议', publicity: '公示', filing: '备案' },
    },
  },
  en: {
    sessions: {
      status: { preparing: 'Preparing', drawn: 'Members drawn', meeting: 'In meeting', voted: 'Voted', publicity: 'In publicity', finalised: 'Finalised' },
      tabs: { candidates: 'Candidates', draw: 'Member draw', meeting: 'Meeting', publicity: 'Publicity', filing: 'Filing' },
    },
  },
} satisfies Section;
