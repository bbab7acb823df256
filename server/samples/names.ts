// Personal names as they appear on Bayingolin staff rosters: Han and Hui names of
// two or three characters; Uyghur names as "given·father's given" with the
// middle dot; Mongol (Torghut) names as one name of two to four characters.
import type { Ethnicity } from './places';
import type { Rng } from './prng';

const HAN_SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '胡', '郭', '何', '高', '林', '罗', '郑',
  '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余', '杜',
  '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '石', '贾', '夏',
  '付', '方', '白', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '贺', '毛', '郝',
];
// Frequent surnames come up more often.
const HAN_COMMON = ['王', '李', '张', '刘', '陈', '杨', '赵', '马'];

const HAN_GIVEN_MALE = [
  '建华', '志强', '伟', '军', '磊', '勇', '强', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '波', '宁',
  '建军', '建国', '海涛', '文斌', '学军', '新疆', '天山', '国庆', '红军', '晓东', '永刚', '志勇', '春生', '立新', '卫东', '振华',
  '俊杰', '浩', '宇', '博文', '子健', '亮', '旭东', '玉林', '光明', '德胜',
];
const HAN_GIVEN_FEMALE = [
  '丽', '敏', '静', '艳', '娟', '霞', '燕', '芳', '娜', '婷', '玲', '萍', '红', '梅', '琳', '洁', '雪', '慧', '莉', '倩',
  '海燕', '丽娟', '秀英', '桂兰', '玉梅', '晓燕', '春梅', '红霞', '雪梅', '文静', '丽萍', '小红', '亚丽', '晓丽', '新华', '淑芳',
  '佳怡', '思雨', '欣', '楠', '瑞', '莹',
];

const HUI_SURNAMES = ['马', '马', '马', '杨', '丁', '韩', '海', '白', '穆', '苏', '冶', '哈', '沙', '纳', '虎'];
const HUI_GIVEN_MALE = ['文华', '学军', '建军', '德福', '成林', '国强', '志明', '海军', '忠', '俊', '福祥', '伟', '永清', '正'];
const HUI_GIVEN_FEMALE = ['秀兰', '玉梅', '桂花', '海霞', '丽', '晓燕', '艳', '春花', '彩霞', '凤英', '燕', '娟'];

const UYGHUR_MALE = [
  '艾力', '买买提', '阿不都热合曼', '艾合买提', '吐尔逊', '麦麦提', '阿迪力', '努尔', '艾尔肯', '热合曼', '阿布拉', '依明',
  '卡德尔', '亚森', '吾斯曼', '玉素甫', '阿卜杜拉', '热依木', '肉孜', '赛买提', '米吉提', '帕尔哈提', '迪力夏提', '艾则孜',
  '库尔班', '阿里木', '努尔艾力', '托合提', '塔依尔', '吾买尔', '阿不力孜', '买合木提', '喀迪尔', '艾克拜尔', '伊斯拉木', '克然木',
];
const UYGHUR_FEMALE = [
  '阿依古丽', '古丽米拉', '热依拉', '帕提古丽', '迪丽努尔', '阿依努尔', '古丽巴哈尔', '米日古丽', '努尔古丽', '祖丽胡玛尔',
  '阿孜古丽', '热孜宛古丽', '布维帕提玛', '再努尔', '玛依拉', '古再丽努尔', '阿米娜', '孜巴古丽', '阿曼古丽', '热娜',
  '古丽尼沙', '塔吉古丽', '阿依夏木', '萨依普加玛丽', '米热班', '依再提古丽',
];

const MONGOL_MALE = [
  '巴特尔', '那顺', '布仁', '巴雅尔', '额尔敦', '哈斯', '吉日格勒', '孟克', '朝鲁', '宝音', '苏和', '巴音', '道尔吉', '巴图',
  '才仁加甫', '普尔布加甫', '吉格吉德', '巴音克什克', '满都拉', '达瓦', '乌力吉', '额尔德尼', '桑杰', '达布希勒', '赛音巴雅尔',
];
const MONGOL_FEMALE = [
  '其木格', '乌兰', '娜仁', '斯琴', '斯琴高娃', '萨仁', '图雅', '乌云', '其其格', '格根', '塔娜', '阿拉腾其其格', '查干',
  '娜仁花', '乌日娜', '敖登', '格日勒', '苏布达', '巴德玛', '乌云其木格', '吉格米德', '托娅',
];

export type Gender = 'male' | 'female';

export function personName(rng: Rng, ethnicity: Ethnicity, gender: Gender): string {
  const male = gender === 'male';
  switch (ethnicity) {
    case 'han': {
      const surname = rng.chance(0.35) ? rng.pick(HAN_COMMON.filter((s) => s !== '马')) : rng.pick(HAN_SURNAMES);
      return surname + rng.pick(male ? HAN_GIVEN_MALE : HAN_GIVEN_FEMALE);
    }
    case 'hui':
      return rng.pick(HUI_SURNAMES) + rng.pick(male ? HUI_GIVEN_MALE : HUI_GIVEN_FEMALE);
    case 'uyghur': {
      const given = rng.pick(male ? UYGHUR_MALE : UYGHUR_FEMALE);
      let father = rng.pick(UYGHUR_MALE);
      while (father === given) father = rng.pick(UYGHUR_MALE);
      return `${given}·${father}`;
    }
    case 'mongol':
      return rng.pick(male ? MONGOL_MALE : MONGOL_FEMALE);
  }
}
