// The structured applicant form (try-it, and later the embedded test cases): one typed
// control per fact, lists of records as sub-tables.
import type { Section } from '../section';

export default {
  zh: {
    applicantForm: {
      unfilled: '未填写',
      required: '必填',
      yes: '是',
      no: '否',
      clear: '清除（改为未填写）',
      missing: '还有 {count} 项必填内容未填写',
      complete: '必填内容已填齐',
      rows: '{count} 条',
      noRows: '暂无记录',
      addRow: '添加一条',
      removeRow: '删除第 {n} 条',
      row: '第 {n} 条',
      open: '填写',
      close: '收起',
      noFields: '这个列表没有定义字段，无法填写',
      expand: '在大窗口中填写',
      drawerTitle: '填写试算申报人',
      expanded: '正在左侧的大窗口中填写；结果和说明在下方随填随算。',
      collapse: '收起大窗口',
      problem: {
        type: '现有的值 {value} 不是这一项能填的内容，请清除后重填',
        range: '{value} 超出范围 {range}',
        integer: '{value} 不是整数',
        option: '{value} 不是可选项',
      },
    },
  },
  en: {
    applicantForm: {
      unfilled: 'Not filled in',
      required: 'Required',
      yes: 'Yes',
      no: 'No',
      clear: 'Clear (back to not filled in)',
      missing: '{count} required values still missing',
      complete: 'All required values filled in',
      rows: '{count} record | {count} records',
      noRows: 'No records',
      addRow: 'Add a record',
      removeRow: 'Remove record {n}',
      row: 'Record {n}',
      open: 'Fill in',
      close: 'Collapse',
      noFields: 'This list defines no fields to fill in',
      expand: 'Fill in a wide window',
      drawerTitle: 'The try-it applicant',
      expanded: 'Being filled in the wide window on the left; the outcome and explanation below follow every value.',
      collapse: 'Close the wide window',
      problem: {
        type: 'The value {value} is not something this field takes; clear it and fill it in again',
        range: '{value} is outside {range}',
        integer: '{value} is not a whole number',
        option: '{value} is not one of the options',
      },
    },
  },
} satisfies Section;
