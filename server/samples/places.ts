// Bayingolin's counties and townships, and the units each series works in. The
// values are the `county` options of bz-common; names are real places, unit names
// follow the local naming habits (县 + 第二中学, 乡 + 卫生院, 县 + 畜牧兽医站 ...).

export type CountyId =
  | 'korla'
  | 'luntai'
  | 'yuli'
  | 'ruoqiang'
  | 'qiemo'
  | 'yanqi'
  | 'hejing'
  | 'heshuo'
  | 'bohu'
  | 'kedz'
  | 'prefecture'
  | 'outside';

export type PostLevel = 'township' | 'county' | 'prefecture';
export type Ethnicity = 'han' | 'uyghur' | 'mongol' | 'hui';

export interface County {
  name: string;
  /** Share of county-level applicants (库尔勒市 largest). */
  weight: number;
  /** Townships and towns outside the county seat. */
  townships: string[];
  ethnicity: Partial<Record<Ethnicity, number>>;
}

export const COUNTIES: Record<Exclude<CountyId, 'prefecture' | 'outside' | 'kedz'>, County> = {
  korla: {
    name: '库尔勒市',
    weight: 30,
    townships: ['铁克其乡', '恰尔巴格乡', '英下乡', '兰干乡', '和什力克乡', '阿瓦提乡', '托布力其乡', '哈拉玉宫乡', '上户镇', '塔什店镇', '普惠乡'],
    ethnicity: { han: 62, uyghur: 28, mongol: 4, hui: 6 },
  },
  luntai: {
    name: '轮台县',
    weight: 9,
    townships: ['轮南镇', '群巴克镇', '阳霞镇', '哈尔巴克乡', '野云沟乡', '阿克萨来乡', '塔尔拉克乡', '草湖乡', '铁热克巴扎乡', '策达雅乡'],
    ethnicity: { uyghur: 62, han: 34, hui: 4 },
  },
  yuli: {
    name: '尉犁县',
    weight: 8,
    townships: ['兴平乡', '古勒巴格乡', '喀尔曲尕乡', '阿克苏普乡', '塔里木乡', '墩阔坦乡', '团结镇'],
    ethnicity: { uyghur: 52, han: 45, hui: 3 },
  },
  ruoqiang: {
    name: '若羌县',
    weight: 4,
    townships: ['依吞布拉克镇', '瓦石峡镇', '铁干里克乡', '吾塔木乡', '铁木里克乡', '祁曼塔格乡'],
    ethnicity: { han: 55, uyghur: 42, hui: 3 },
  },
  qiemo: {
    name: '且末县',
    weight: 7,
    townships: ['奥依亚依拉克镇', '塔提让镇', '阿羌镇', '阿热勒镇', '琼库勒乡', '托格拉克勒克乡', '巴格艾日克乡', '英吾斯坦乡', '阿克提坎墩乡', '库拉木勒克乡'],
    ethnicity: { uyghur: 66, han: 33, hui: 1 },
  },
  yanqi: {
    name: '焉耆回族自治县',
    weight: 10,
    townships: ['七个星镇', '永宁镇', '四十里城子镇', '北大渠乡', '五号渠乡', '查汗采开乡', '包尔海乡'],
    ethnicity: { han: 40, hui: 26, uyghur: 28, mongol: 6 },
  },
  hejing: {
    name: '和静县',
    weight: 12,
    townships: ['巴伦台镇', '巴润哈尔莫敦镇', '哈尔莫敦镇', '巴音布鲁克镇', '巩乃斯镇', '乃门莫敦镇', '协比乃尔布呼镇', '克尔古提乡', '阿拉沟乡', '额勒再特乌鲁乡', '巴音郭楞乡'],
    ethnicity: { han: 44, mongol: 30, uyghur: 21, hui: 5 },
  },
  heshuo: {
    name: '和硕县',
    weight: 7,
    townships: ['塔哈其镇', '曲惠镇', '乌什塔拉乡', '苏哈特乡', '乃仁克尔乡', '新塔热乡'],
    ethnicity: { han: 42, mongol: 24, uyghur: 28, hui: 6 },
  },
  bohu: {
    name: '博湖县',
    weight: 6,
    townships: ['本布图镇', '塔温觉肯乡', '乌兰再格森乡', '才坎诺尔乡', '查干诺尔乡', '博斯腾湖乡'],
    ethnicity: { han: 46, mongol: 28, uyghur: 21, hui: 5 },
  },
};

export const PREFECTURE_ETHNICITY: Partial<Record<Ethnicity, number>> = { han: 56, uyghur: 24, mongol: 12, hui: 8 };

/** Short county name as used inside unit names: 焉耆回族自治县 → 焉耆县. */
export function unitPrefix(county: CountyId): string {
  if (county === 'yanqi') return '焉耆县';
  if (county === 'kedz') return '库尔勒经济技术开发区';
  if (county === 'prefecture') return '巴州';
  if (county === 'outside') return '阿克苏地区';
  return COUNTIES[county].name;
}

/** Township-level unit names by series; `{t}` is the township, `{c}` the county prefix. */
export const TOWNSHIP_UNITS: Record<string, string[]> = {
  teacher: ['{c}{t}中心学校', '{c}{t}中心小学', '{c}{t}寄宿制学校', '{c}{t}中心幼儿园', '{c}{t}第一小学'],
  health: ['{c}{t}卫生院', '{c}{t}中心卫生院'],
  agriculture: ['{c}{t}农业发展服务中心', '{c}{t}农业技术推广站'],
  'animal-husbandry': ['{c}{t}畜牧兽医站', '{c}{t}农业（畜牧业）发展服务中心'],
  veterinary: ['{c}{t}畜牧兽医站', '{c}{t}动物防疫站'],
  water: ['{c}{t}水利管理站', '{c}{t}水管站'],
  forestry: ['{c}{t}林业工作站', '{c}{t}林管站'],
};

export const COUNTY_UNITS: Record<string, string[]> = {
  teacher: ['{c}第一中学', '{c}第二中学', '{c}第三中学', '{c}高级中学', '{c}第一小学', '{c}第二小学', '{c}第三小学', '{c}实验小学', '{c}第一幼儿园', '{c}第二幼儿园'],
  health: ['{c}人民医院', '{c}中医医院', '{c}妇幼保健院', '{c}疾病预防控制中心', '{c}人民医院', '{c}人民医院'],
  agriculture: ['{c}农业技术推广中心', '{c}植物保护站', '{c}土壤肥料工作站', '{c}种子管理站', '{c}农产品质量安全检验检测站'],
  'animal-husbandry': ['{c}畜牧工作站', '{c}草原工作站', '{c}家畜繁育改良站', '{c}畜牧技术推广站'],
  veterinary: ['{c}畜牧兽医站', '{c}动物疫病预防控制中心', '{c}动物卫生监督所'],
  water: ['{c}水利管理站', '{c}水利工程管理站', '{c}防汛抗旱服务中心', '{c}水利工程质量监督站', '{c}灌溉管理所'],
  forestry: ['{c}林业工作站', '{c}林业有害生物防治检疫站', '{c}林木种苗站', '{c}国有林场', '{c}野生动植物保护站'],
};

/** Korla names its first hospital 库尔勒市第一人民医院; the other counties have one. */
export const COUNTY_UNIT_OVERRIDES: Partial<Record<CountyId, Record<string, string[]>>> = {
  korla: {
    health: ['库尔勒市第一人民医院', '库尔勒市第二人民医院', '库尔勒市中医医院', '库尔勒市妇幼保健院', '库尔勒市疾病预防控制中心'],
  },
  hejing: { health: ['和静县人民医院', '和静县蒙医医院', '和静县妇幼保健院', '和静县疾病预防控制中心'] },
  heshuo: { health: ['和硕县人民医院', '和硕县蒙医医院', '和硕县妇幼保健院'] },
  bohu: { health: ['博湖县人民医院', '博湖县中蒙医医院', '博湖县疾病预防控制中心'] },
  luntai: { health: ['轮台县人民医院', '轮台县维吾尔医医院', '轮台县妇幼保健院', '轮台县疾病预防控制中心'] },
  qiemo: { health: ['且末县人民医院', '且末县维吾尔医医院', '且末县妇幼保健院'] },
  kedz: {
    teacher: ['库尔勒经济技术开发区第一中学', '库尔勒经济技术开发区第一小学', '库尔勒经济技术开发区第一幼儿园'],
    health: ['库尔勒经济技术开发区社区卫生服务中心'],
    agriculture: ['库尔勒经济技术开发区农业服务中心'],
    'animal-husbandry': ['库尔勒经济技术开发区农业服务中心'],
    veterinary: ['库尔勒经济技术开发区动物防疫站'],
    water: ['库尔勒经济技术开发区水务服务中心'],
    forestry: ['库尔勒经济技术开发区园林绿化服务中心'],
  },
};

export const PREFECTURE_UNITS: Record<string, string[]> = {
  teacher: ['巴州第一中学', '巴州第二中学', '巴州第三中学', '巴州蒙古族高级中学', '巴州实验小学', '巴州第一幼儿园', '巴州特殊教育学校'],
  health: ['巴州人民医院', '巴州第二人民医院', '巴州蒙医医院', '巴州中医医院', '巴州疾病预防控制中心', '巴州妇幼保健院', '巴州精神卫生中心'],
  agriculture: ['巴州农业技术推广中心', '巴州植物保护站', '巴州农业科学研究所', '巴州农产品质量安全检验检测中心', '巴州经济作物技术推广站'],
  'animal-husbandry': ['巴州畜牧工作站', '巴州草原工作站', '巴州家畜繁育改良站', '巴州畜牧科学研究所'],
  veterinary: ['巴州动物疾病控制与诊断中心', '巴州动物卫生监督所', '巴州兽药饲料监察所'],
  water: ['巴州水利管理处', '巴州水利水电勘测设计院', '巴州水利工程质量监督站', '巴州水资源管理办公室'],
  forestry: ['巴州林业科学研究所', '巴州林木种苗站', '巴州林业有害生物防治检疫局', '巴州林业工作总站'],
};

export const OUTSIDE_UNITS: Record<string, string[]> = {
  teacher: ['阿克苏地区第二中学'],
  health: ['阿克苏地区第一人民医院'],
  agriculture: ['阿克苏地区农业技术推广中心'],
  'animal-husbandry': ['阿克苏地区畜牧工作站'],
  veterinary: ['阿克苏地区动物疾病控制与诊断中心'],
  water: ['阿克苏地区水利管理处'],
  forestry: ['阿克苏地区林业工作站'],
};
