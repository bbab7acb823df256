// The warning before saving or submitting a draft whose applicant fields would break
// existing applicant files (CompatibilityDialog.vue); the changes themselves come in
// both languages from the server.
import type { Section } from '../section';

export default {
  zh: {
    compatibility: {
      title: { save: '保存前请注意：修改会影响现有申报文件', submit: '提交前请注意：修改会影响现有申报文件' },
      summary: {
        refused: '按本草稿，最近一次批量评审（{file}，评审基准日 {asOf}）的 {applicants} 名申报人中，将有 {refused} 名被拒绝。',
        none: '最近一次批量评审（{file}，评审基准日 {asOf}）的 {applicants} 名申报人都不会因此被拒绝，但以下修改仍可能影响今后的申报文件。',
        noRun: '该规则集还没有完成的批量评审，无法统计受影响的申报人；以下修改会影响按现行版本准备的申报文件。',
      },
      base: {
        inForce: '对照现行版本 v{version}（{from} 起施行）',
        published: '对照最近发布的版本 v{version}（{from} 起施行，尚未生效）',
        none: '该规则集还没有发布过的版本，只统计了最近一次批量评审。',
      },
      kind: {
        'required-added': '新增必填',
        'made-required': '改为必填',
        removed: '删除字段',
        'type-changed': '类型改变',
        'option-removed': '删除选项',
        'option-renamed': '选项改名',
        'range-narrowed': '范围收紧',
        'label-changed': '名称改变',
      },
      hint: '建议：',
      other: '另有以下原因（与对照版本相比未修改）：',
      reason: '「{label}」：{count} 名',
      reasonOther: '其他问题：{count} 名',
      unchecked: {
        save: '未能检查这次修改对现有申报文件的影响。可以返回稍后再试，或仍然保存。',
        submit: '未能检查这次修改对现有申报文件的影响。可以返回稍后再试，或仍然提交。',
      },
      back: '返回修改',
      proceed: { save: '仍然保存', submit: '仍然提交' },
    },
  },
  en: {
    compatibility: {
      title: { save: 'Before saving: the changes affect existing applicant files', submit: 'Before submitting: the changes affect existing applicant files' },
      summary: {
        refused: 'With this draft, {refused} of the {applicants} applicants of the latest batch run ({file}, evaluation date {asOf}) would be refused.',
        none: 'None of the {applicants} applicants of the latest batch run ({file}, evaluation date {asOf}) would be refused, but the changes below may still affect future applicant files.',
        noRun: 'This ruleset has no completed batch run, so nobody could be counted; the changes below affect applicant files prepared for the version in force.',
      },
      base: {
        inForce: 'Compared with the version in force, v{version} (from {from})',
        published: 'Compared with the latest published version, v{version} (from {from}, not yet in force)',
        none: 'This ruleset has no published version; only the latest batch run was counted.',
      },
      kind: {
        'required-added': 'New required',
        'made-required': 'Now required',
        removed: 'Field removed',
        'type-changed': 'Type changed',
        'option-removed': 'Option removed',
        'option-renamed': 'Option renamed',
        'range-narrowed': 'Range narrowed',
        'label-changed': 'Label changed',
      },
      hint: 'Suggestion: ',
      other: 'Other reasons (unchanged from the version compared with):',
      reason: '"{label}": {count}',
      reasonOther: 'Other problems: {count}',
      unchecked: {
        save: 'The effect of these changes on existing applicant files could not be checked. Go back and try again later, or save anyway.',
        submit: 'The effect of these changes on existing applicant files could not be checked. Go back and try again later, or submit anyway.',
      },
      back: 'Back to editing',
      proceed: { save: 'Save anyway', submit: 'Submit anyway' },
    },
  },
} satisfies Section;
