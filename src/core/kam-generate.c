/* kam-generate.c — a realistic fictional portfolio, for demos and benchmarks
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything random comes from one GRand seeded with the options' seed and is
 * drawn in a fixed order, and every date is counted from the options' today,
 * so the same options give the same records.  Ids are UUID v4 strings drawn
 * from the same GRand.
 *
 * The hot loops (contacts, visits) set fields by index with static strings
 * from the tables below; only accounts and opportunities build JSON.
 */
#define G_LOG_DOMAIN "kam-generate"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-generate.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define BULK_CACHE_KIB   (256 * 1024)
#define BULK_WAL_PAGES   20000
#define HISTORY_DAYS     730    /* two years of visits and closed deals */
#define PLAN_DAYS        28     /* four weeks of planned visits */
#define MAX_CONTACTS     15
#define MIN_CONTACTS     5
#define ACCOUNTS_PER_MEMBER 60
#define UUID_LEN         36
#define UNIX_EPOCH_JULIAN 719163 /* g_date_get_julian() of 1970-01-01 */

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *en;
  const char *zh;
} Text;

typedef struct {
  const char *zh;
  const char *py;
} Hanzi;

static const Hanzi surnames[] = {
  /* the twenty most common, drawn four times as often as the rest */
  { "张", "zhang" }, { "王", "wang" }, { "李", "li" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "赵", "zhao" }, { "黄", "huang" }, { "周", "zhou" }, { "吴", "wu" },
  { "徐", "xu" }, { "孙", "sun" }, { "胡", "hu" }, { "朱", "zhu" }, { "高", "gao" },
  { "林", "lin" }, { "何", "he" }, { "郭", "guo" }, { "马", "ma" }, { "罗", "luo" },
  { "梁", "liang" }, { "宋", "song" }, { "郑", "zheng" }, { "谢", "xie" }, { "韩", "han" },
  { "唐", "tang" }, { "冯", "feng" }, { "于", "yu" }, { "董", "dong" }, { "萧", "xiao" },
  { "程", "cheng" }, { "曹", "cao" }, { "袁", "yuan" }, { "邓", "deng" }, { "许", "xu" },
  { "傅", "fu" }, { "沈", "shen" }, { "曾", "zeng" }, { "彭", "peng" }, { "吕", "lv" },
};
#define N_COMMON_SURNAMES 20

static const Hanzi given_male[] = {
  { "伟", "wei" }, { "磊", "lei" }, { "强", "qiang" }, { "军", "jun" }, { "勇", "yong" },
  { "杰", "jie" }, { "涛", "tao" }, { "明", "ming" }, { "超", "chao" }, { "刚", "gang" },
  { "平", "ping" }, { "辉", "hui" }, { "鹏", "peng" }, { "华", "hua" }, { "飞", "fei" },
  { "鑫", "xin" }, { "波", "bo" }, { "斌", "bin" }, { "宇", "yu" }, { "浩", "hao" },
  { "凯", "kai" }, { "健", "jian" }, { "峰", "feng" }, { "亮", "liang" }, { "东", "dong" },
  { "旭", "xu" }, { "晨", "chen" }, { "阳", "yang" }, { "帆", "fan" }, { "毅", "yi" },
};

static const Hanzi given_female[] = {
  { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" }, { "丽", "li" },
  { "艳", "yan" }, { "娟", "juan" }, { "霞", "xia" }, { "燕", "yan" }, { "玲", "ling" },
  { "婷", "ting" }, { "雪", "xue" }, { "琳", "lin" }, { "晶", "jing" }, { "颖", "ying" },
  { "倩", "qian" }, { "慧", "hui" }, { "洁", "jie" }, { "欣", "xin" }, { "悦", "yue" },
  { "红", "hong" }, { "梅", "mei" }, { "萍", "ping" }, { "蕾", "lei" }, { "璐", "lu" },
};

static const Hanzi given_first[] = {
  { "志", "zhi" }, { "建", "jian" }, { "晓", "xiao" }, { "海", "hai" }, { "文", "wen" },
  { "国", "guo" }, { "春", "chun" }, { "家", "jia" }, { "子", "zi" }, { "思", "si" },
  { "雨", "yu" }, { "嘉", "jia" }, { "宏", "hong" }, { "立", "li" }, { "永", "yong" },
  { "玉", "yu" }, { "振", "zhen" }, { "德", "de" }, { "天", "tian" }, { "雅", "ya" },
  { "佳", "jia" }, { "秀", "xiu" }, { "梓", "zi" }, { "俊", "jun" }, { "新", "xin" },
};

static const char * const english_first[] = {
  "James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas",
  "Daniel", "Matthew", "Mark", "Paul", "Andrew", "Peter", "Steven", "Kevin",
  "Brian", "George", "Edward", "Henry", "Mary", "Patricia", "Jennifer", "Linda",
  "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Emily", "Laura", "Anna",
  "Rachel", "Helen", "Claire", "Sophie", "Olivia", "Emma", "Grace", "Julia",
};

static const char * const english_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
  "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White",
  "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King",
  "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
  "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins",
};

typedef struct {
  const char *en;      /* Sichuan */
  const char *adj;     /* Sichuan Provincial */
  const char *zh;      /* 四川 */
  const char *zh_full; /* 四川省 */
  const char *region;
} Province;

static const Province provinces[] = {
  { "Beijing", "Beijing Municipal", "北京", "北京市", "华北" },
  { "Tianjin", "Tianjin Municipal", "天津", "天津市", "华北" },
  { "Hebei", "Hebei Provincial", "河北", "河北省", "华北" },
  { "Shanxi", "Shanxi Provincial", "山西", "山西省", "华北" },
  { "Inner Mongolia", "Inner Mongolia Regional", "内蒙古", "内蒙古自治区", "华北" },
  { "Liaoning", "Liaoning Provincial", "辽宁", "辽宁省", "东北" },
  { "Jilin", "Jilin Provincial", "吉林", "吉林省", "东北" },
  { "Heilongjiang", "Heilongjiang Provincial", "黑龙江", "黑龙江省", "东北" },
  { "Shanghai", "Shanghai Municipal", "上海", "上海市", "华东" },
  { "Jiangsu", "Jiangsu Provincial", "江苏", "江苏省", "华东" },
  { "Zhejiang", "Zhejiang Provincial", "浙江", "浙江省", "华东" },
  { "Anhui", "Anhui Provincial", "安徽", "安徽省", "华东" },
  { "Fujian", "Fujian Provincial", "福建", "福建省", "华东" },
  { "Jiangxi", "Jiangxi Provincial", "江西", "江西省", "华东" },
  { "Shandong", "Shandong Provincial", "山东", "山东省", "华东" },
  { "Henan", "Henan Provincial", "河南", "河南省", "华中" },
  { "Hubei", "Hubei Provincial", "湖北", "湖北省", "华中" },
  { "Hunan", "Hunan Provincial", "湖南", "湖南省", "华中" },
  { "Guangdong", "Guangdong Provincial", "广东", "广东省", "华南" },
  { "Guangxi", "Guangxi Regional", "广西", "广西壮族自治区", "华南" },
  { "Hainan", "Hainan Provincial", "海南", "海南省", "华南" },
  { "Chongqing", "Chongqing Municipal", "重庆", "重庆市", "西南" },
  { "Sichuan", "Sichuan Provincial", "四川", "四川省", "西南" },
  { "Guizhou", "Guizhou Provincial", "贵州", "贵州省", "西南" },
  { "Yunnan", "Yunnan Provincial", "云南", "云南省", "西南" },
  { "Tibet", "Tibet Regional", "西藏", "西藏自治区", "西南" },
  { "Shaanxi", "Shaanxi Provincial", "陕西", "陕西省", "西北" },
  { "Gansu", "Gansu Provincial", "甘肃", "甘肃省", "西北" },
  { "Qinghai", "Qinghai Provincial", "青海", "青海省", "西北" },
  { "Ningxia", "Ningxia Regional", "宁夏", "宁夏回族自治区", "西北" },
  { "Xinjiang", "Xinjiang Regional", "新疆", "新疆维吾尔自治区", "西北" },
};

typedef struct {
  const char *en;
  const char *zh;
  guint       province;
} City;

/* The first ones are where multinationals sit. */
static const City cities[] = {
  { "Shanghai", "上海", 8 }, { "Beijing", "北京", 0 }, { "Shenzhen", "深圳", 18 },
  { "Guangzhou", "广州", 18 }, { "Suzhou", "苏州", 9 }, { "Hangzhou", "杭州", 10 },
  { "Chengdu", "成都", 22 }, { "Wuhan", "武汉", 16 }, { "Tianjin", "天津", 1 },
  { "Chongqing", "重庆", 21 }, { "Nanjing", "南京", 9 }, { "Xi'an", "西安", 26 },
  { "Dalian", "大连", 5 }, { "Qingdao", "青岛", 14 }, { "Xiamen", "厦门", 12 },
  { "Ningbo", "宁波", 10 }, { "Wuxi", "无锡", 9 }, { "Changzhou", "常州", 9 },
  { "Nantong", "南通", 9 }, { "Xuzhou", "徐州", 9 }, { "Wenzhou", "温州", 10 },
  { "Shaoxing", "绍兴", 10 }, { "Jinhua", "金华", 10 }, { "Dongguan", "东莞", 18 },
  { "Foshan", "佛山", 18 }, { "Zhuhai", "珠海", 18 }, { "Shantou", "汕头", 18 },
  { "Hefei", "合肥", 11 }, { "Wuhu", "芜湖", 11 }, { "Fuzhou", "福州", 12 },
  { "Quanzhou", "泉州", 12 }, { "Nanchang", "南昌", 13 }, { "Ganzhou", "赣州", 13 },
  { "Jinan", "济南", 14 }, { "Yantai", "烟台", 14 }, { "Weifang", "潍坊", 14 },
  { "Zibo", "淄博", 14 }, { "Zhengzhou", "郑州", 15 }, { "Luoyang", "洛阳", 15 },
  { "Yichang", "宜昌", 16 }, { "Xiangyang", "襄阳", 16 }, { "Changsha", "长沙", 17 },
  { "Zhuzhou", "株洲", 17 }, { "Yueyang", "岳阳", 17 }, { "Nanning", "南宁", 19 },
  { "Liuzhou", "柳州", 19 }, { "Guilin", "桂林", 19 }, { "Haikou", "海口", 20 },
  { "Sanya", "三亚", 20 }, { "Mianyang", "绵阳", 22 }, { "Guiyang", "贵阳", 23 },
  { "Zunyi", "遵义", 23 }, { "Kunming", "昆明", 24 }, { "Qujing", "曲靖", 24 },
  { "Lhasa", "拉萨", 25 }, { "Baoji", "宝鸡", 26 }, { "Lanzhou", "兰州", 27 },
  { "Xining", "西宁", 28 }, { "Yinchuan", "银川", 29 }, { "Urumqi", "乌鲁木齐", 30 },
  { "Shijiazhuang", "石家庄", 2 }, { "Tangshan", "唐山", 2 }, { "Baoding", "保定", 2 },
  { "Taiyuan", "太原", 3 }, { "Datong", "大同", 3 }, { "Hohhot", "呼和浩特", 4 },
  { "Baotou", "包头", 4 }, { "Shenyang", "沈阳", 5 }, { "Anshan", "鞍山", 5 },
  { "Changchun", "长春", 6 }, { "Harbin", "哈尔滨", 7 }, { "Daqing", "大庆", 7 },
};
#define N_MULTINATIONAL_CITIES 8

/* The industries, exactly as stored in the industry field. */
enum {
  IND_TELECOM,
  IND_GOVERNMENT,
  IND_FINANCE,
  IND_ENERGY,
  IND_EDUCATION,
  IND_MANUFACTURING,
  N_INDUSTRIES
};

static const char * const industry_names[N_INDUSTRIES] = {
  "telecom", "government", "finance", "energy", "education", "manufacturing",
};
static const guint industry_weights[N_INDUSTRIES] = { 18, 17, 17, 15, 14, 19 };

/* Public and state-owned bodies.  {E} is the place in English, {A} its
 * adjective ("Sichuan Provincial"), {Z} its short Chinese name, {F} the full
 * one (四川省).  'P' templates take a province, 'C' ones a city. */
typedef struct {
  guint       industry;
  char        level;
  const char *en;
  const char *zh;
} Template;

static const Template public_templates[] = {
  { IND_TELECOM, 'P', "China Mobile {E}", "中国移动通信集团{Z}有限公司" },
  { IND_TELECOM, 'P', "China Telecom {E}", "中国电信股份有限公司{Z}分公司" },
  { IND_TELECOM, 'P', "China Unicom {E}", "中国联合网络通信有限公司{Z}分公司" },
  { IND_TELECOM, 'P', "China Tower {E}", "中国铁塔股份有限公司{Z}分公司" },
  { IND_TELECOM, 'P', "{E} Broadcasting Network", "{Z}广电网络股份有限公司" },
  { IND_TELECOM, 'C', "China Mobile {E} Branch", "中国移动{Z}分公司" },
  { IND_TELECOM, 'C', "China Telecom {E} Branch", "中国电信{Z}分公司" },
  { IND_TELECOM, 'C', "China Unicom {E} Branch", "中国联通{Z}分公司" },
  { IND_TELECOM, 'C', "{E} Cable TV Network", "{Z}有线电视网络有限公司" },

  { IND_GOVERNMENT, 'P', "{A} Big Data Bureau", "{F}大数据局" },
  { IND_GOVERNMENT, 'P', "{A} Department of Public Security", "{F}公安厅" },
  { IND_GOVERNMENT, 'P', "{E} Tax Service", "国家税务总局{Z}税务局" },
  { IND_GOVERNMENT, 'P', "{A} Department of Transport", "{F}交通运输厅" },
  { IND_GOVERNMENT, 'P', "{A} Health Commission", "{F}卫生健康委员会" },
  { IND_GOVERNMENT, 'C', "{E} Public Security Bureau", "{F}公安局" },
  { IND_GOVERNMENT, 'C', "{E} Government Services Center", "{F}政务服务中心" },
  { IND_GOVERNMENT, 'C', "{E} Big Data Center", "{F}大数据中心" },
  { IND_GOVERNMENT, 'C', "{E} Emergency Management Bureau", "{F}应急管理局" },
  { IND_GOVERNMENT, 'C', "{E} Housing Provident Fund Center", "{F}住房公积金管理中心" },
  { IND_GOVERNMENT, 'C', "{E} Traffic Police Detachment", "{F}公安局交通警察支队" },

  { IND_FINANCE, 'P', "{E} Rural Commercial Bank", "{Z}农村商业银行" },
  { IND_FINANCE, 'P', "ICBC {E} Branch", "中国工商银行{Z}分行" },
  { IND_FINANCE, 'P', "China Construction Bank {E} Branch", "中国建设银行{Z}分行" },
  { IND_FINANCE, 'P', "Agricultural Bank of China {E} Branch", "中国农业银行{Z}分行" },
  { IND_FINANCE, 'P', "China Life {E}", "中国人寿保险股份有限公司{Z}分公司" },
  { IND_FINANCE, 'C', "Bank of {E}", "{Z}银行" },
  { IND_FINANCE, 'C', "{E} Securities", "{Z}证券股份有限公司" },
  { IND_FINANCE, 'C', "{E} Rural Credit Union", "{Z}农村信用合作联社" },
  { IND_FINANCE, 'C', "{E} Financial Holdings", "{Z}金融控股集团" },

  { IND_ENERGY, 'P', "{A} Power Grid", "{F}电网公司" },
  { IND_ENERGY, 'P', "State Grid {E} Electric Power", "国网{Z}电力有限公司" },
  { IND_ENERGY, 'P', "{A} Energy Investment Group", "{Z}能源投资集团" },
  { IND_ENERGY, 'P', "{E} Oilfield Company", "{Z}油田分公司" },
  { IND_ENERGY, 'P', "{E} Natural Gas", "{Z}天然气有限公司" },
  { IND_ENERGY, 'C', "{E} Gas Group", "{Z}燃气集团" },
  { IND_ENERGY, 'C', "{E} Water Group", "{Z}水务集团" },
  { IND_ENERGY, 'C', "{E} Power Supply Company", "国网{Z}供电公司" },
  { IND_ENERGY, 'C', "{E} Thermal Power Plant", "{Z}热电厂" },

  { IND_EDUCATION, 'P', "{E} University", "{Z}大学" },
  { IND_EDUCATION, 'P', "{E} Normal University", "{Z}师范大学" },
  { IND_EDUCATION, 'P', "{E} University of Science and Technology", "{Z}科技大学" },
  { IND_EDUCATION, 'P', "{A} Department of Education", "{F}教育厅" },
  { IND_EDUCATION, 'C', "{E} University", "{Z}大学" },
  { IND_EDUCATION, 'C', "{E} Vocational and Technical College", "{Z}职业技术学院" },
  { IND_EDUCATION, 'C', "{E} Education Bureau", "{F}教育局" },
  { IND_EDUCATION, 'C', "{E} No. 1 High School", "{F}第一中学" },
  { IND_EDUCATION, 'C', "{E} Medical College", "{Z}医学院" },

  { IND_MANUFACTURING, 'P', "{E} Iron and Steel Group", "{Z}钢铁集团" },
  { IND_MANUFACTURING, 'P', "{E} Automobile Group", "{Z}汽车集团" },
  { IND_MANUFACTURING, 'C', "{E} Heavy Industry", "{Z}重工集团" },
  { IND_MANUFACTURING, 'C', "{E} Machinery", "{Z}机械制造有限公司" },
  { IND_MANUFACTURING, 'C', "{E} Pharmaceutical", "{Z}制药股份有限公司" },
  { IND_MANUFACTURING, 'C', "{E} Electronics Group", "{Z}电子集团" },
  { IND_MANUFACTURING, 'C', "{E} Shipyard", "{Z}造船厂" },
  { IND_MANUFACTURING, 'C', "{E} Chemical Industry Group", "{Z}化工集团" },
};

/* Private Chinese companies: city + brand + line of business. */
static const Text brands[] = {
  { "Hengtong", "恒通" }, { "Huaxin", "华信" }, { "Zhongke", "中科" }, { "Tiancheng", "天成" },
  { "Dingsheng", "鼎盛" }, { "Ruifeng", "瑞丰" }, { "Xinyu", "新宇" }, { "Boyuan", "博远" },
  { "Jinqiao", "金桥" }, { "Hongda", "宏达" }, { "Taihe", "泰和" }, { "Hairun", "海润" },
  { "Yongsheng", "永盛" }, { "Guotai", "国泰" }, { "Dongfang", "东方" }, { "Lianchuang", "联创" },
  { "Huayu", "华宇" }, { "Zhongtian", "中天" }, { "Jiuzhou", "九州" }, { "Yuanhang", "远航" },
  { "Guangming", "光明" }, { "Xinghe", "星河" }, { "Jiahe", "嘉禾" }, { "Haotian", "昊天" },
  { "Qiming", "启明" }, { "Dexin", "德信" }, { "Shengshi", "盛世" }, { "Haina", "海纳" },
  { "Tianyu", "天宇" }, { "Zhuoyue", "卓越" }, { "Hongyun", "鸿运" }, { "Yunhai", "云海" },
  { "Jincheng", "锦程" }, { "Xinda", "信达" }, { "Hexin", "和信" }, { "Antai", "安泰" },
};

typedef struct {
  guint       industry;
  const char *en;
  const char *zh;
} Line;

static const Line private_lines[] = {
  { IND_TELECOM, "Network Technology", "网络科技有限公司" },
  { IND_TELECOM, "Data Services", "数据服务有限公司" },
  { IND_TELECOM, "Cloud Computing", "云计算有限公司" },
  { IND_TELECOM, "Communications", "通信技术有限公司" },
  { IND_TELECOM, "Internet Data Center", "数据中心有限公司" },
  { IND_FINANCE, "Securities", "证券有限公司" },
  { IND_FINANCE, "Insurance", "保险股份有限公司" },
  { IND_FINANCE, "Trust", "信托有限公司" },
  { IND_FINANCE, "Financial Leasing", "融资租赁有限公司" },
  { IND_FINANCE, "Consumer Finance", "消费金融有限公司" },
  { IND_FINANCE, "Asset Management", "资产管理有限公司" },
  { IND_ENERGY, "New Energy", "新能源有限公司" },
  { IND_ENERGY, "Solar Technology", "光伏科技有限公司" },
  { IND_ENERGY, "Wind Power", "风电有限公司" },
  { IND_ENERGY, "Energy Storage", "储能技术有限公司" },
  { IND_ENERGY, "Petrochemical", "石化有限公司" },
  { IND_EDUCATION, "Education Group", "教育集团" },
  { IND_EDUCATION, "Online Education", "在线教育科技有限公司" },
  { IND_EDUCATION, "Vocational Training", "职业培训学校" },
  { IND_MANUFACTURING, "Electronics", "电子有限公司" },
  { IND_MANUFACTURING, "Precision Machinery", "精密机械有限公司" },
  { IND_MANUFACTURING, "Auto Parts", "汽车零部件有限公司" },
  { IND_MANUFACTURING, "New Materials", "新材料股份有限公司" },
  { IND_MANUFACTURING, "Optoelectronics", "光电科技有限公司" },
  { IND_MANUFACTURING, "Textiles", "纺织集团" },
  { IND_MANUFACTURING, "Home Appliances", "家电股份有限公司" },
  { IND_MANUFACTURING, "Semiconductor", "半导体有限公司" },
};

/* Foreign companies in China. */
static const char * const english_brands[] = {
  "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Woodgrove",
  "Proseware", "Wingtip", "Lucerne", "Alpine", "Coho", "Bluewater",
  "Silverline", "Redwood", "Granite", "Summit", "Meridian", "Apex",
  "Orion", "Helios", "Keystone", "Horizon", "Evergreen", "Crescent",
  "Nordic", "Atlas", "Sterling", "Beacon", "Pinnacle", "Harbor",
};

static const Line english_lines[] = {
  { IND_TELECOM, "Telecom", NULL }, { IND_TELECOM, "Networks", NULL },
  { IND_TELECOM, "Communications", NULL }, { IND_TELECOM, "Data Centers", NULL },
  { IND_FINANCE, "Bank", NULL }, { IND_FINANCE, "Capital", NULL },
  { IND_FINANCE, "Insurance", NULL }, { IND_FINANCE, "Securities", NULL },
  { IND_ENERGY, "Energy", NULL }, { IND_ENERGY, "Power", NULL }, { IND_ENERGY, "Oil and Gas", NULL },
  { IND_EDUCATION, "International School", NULL }, { IND_EDUCATION, "Academy", NULL },
  { IND_MANUFACTURING, "Manufacturing", NULL }, { IND_MANUFACTURING, "Industries", NULL },
  { IND_MANUFACTURING, "Motors", NULL }, { IND_MANUFACTURING, "Semiconductors", NULL },
  { IND_MANUFACTURING, "Chemicals", NULL }, { IND_MANUFACTURING, "Electronics", NULL },
};

static const char * const competitors[] = {
  "Huawei", "ZTE", "Cisco", "H3C", "Ericsson", "Nokia", "Inspur",
  "Lenovo", "Dell", "HPE", "Ruijie", "Sangfor", "FiberHome",
};
/* Indexes into competitors: who we meet where. */
static const guint carrier_competitors[] = { 0, 1, 4, 5, 12, 2 };
static const guint enterprise_competitors[] = { 0, 3, 2, 6, 7, 8, 9, 10, 11, 1 };

/* Account texts, by industry. */
static const Text needs_current[N_INDUSTRIES][4] = {
  { { "5G core network capacity expansion", "5G核心网扩容" },
    { "Transport network upgrade to 400G", "传输网400G升级" },
    { "IDC energy efficiency retrofit", "IDC机房节能改造" },
    { "Network operations automation", "网络运维自动化" } },
  { { "E-government cloud platform", "政务云平台建设" },
    { "Video surveillance network expansion", "视频监控专网扩容" },
    { "Cross-department data sharing", "跨部门数据共享交换" },
    { "Cybersecurity compliance (MLPS 2.0)", "等保2.0合规整改" } },
  { { "Core banking infrastructure refresh", "核心系统基础设施更新" },
    { "Branch network SD-WAN", "网点SD-WAN改造" },
    { "Disaster recovery data center", "同城灾备数据中心" },
    { "Domestic IT substitution (Xinchuang)", "信创替代" } },
  { { "Smart grid communication network", "智能电网通信网" },
    { "Substation IoT monitoring", "变电站物联网监测" },
    { "Production dispatch network upgrade", "生产调度网升级" },
    { "Industrial control security", "工控安全防护" } },
  { { "Campus Wi-Fi 6 coverage", "校园Wi-Fi 6全覆盖" },
    { "Smart classroom rollout", "智慧教室建设" },
    { "Research computing cluster", "科研计算集群" },
    { "Campus network security", "校园网安全" } },
  { { "Factory 5G private network", "工厂5G专网" },
    { "MES and plant network upgrade", "MES系统及车间网络升级" },
    { "Industrial internet platform", "工业互联网平台" },
    { "Data center consolidation", "数据中心整合" } },
};

static const Text needs_future[N_INDUSTRIES][3] = {
  { { "Computing power network", "算力网络" },
    { "6G trials and AI-native operations", "6G试验及AI原生运维" },
    { "Green data centers", "绿色数据中心" } },
  { { "City operations center (digital twin)", "城市运行管理中心（数字孪生）" },
    { "AI-assisted public services", "AI辅助政务服务" },
    { "Government large model platform", "政务大模型平台" } },
  { { "Private cloud for AI risk models", "AI风控私有云" },
    { "Distributed core banking", "分布式核心系统" },
    { "Zero-trust security", "零信任安全体系" } },
  { { "Virtual power plant platform", "虚拟电厂平台" },
    { "New energy grid integration", "新能源并网" },
    { "Digital twin of the grid", "电网数字孪生" } },
  { { "AI teaching assistants", "AI助教" },
    { "Campus computing platform", "校级算力平台" },
    { "Smart campus phase 2", "智慧校园二期" } },
  { { "Digital twin factory", "数字孪生工厂" },
    { "Edge computing on the shop floor", "车间边缘计算" },
    { "Supply chain collaboration platform", "供应链协同平台" } },
};

static const Text needs_met[] = {
  { "Campus switching", "园区交换网络" },
  { "Data center servers", "数据中心服务器" },
  { "Storage and backup", "存储与备份" },
  { "Firewalls and VPN", "防火墙与VPN" },
  { "Wireless LAN", "无线局域网" },
  { "Managed services (24x7)", "7x24代维服务" },
  { "Video conferencing", "视频会议系统" },
  { "Optical transport", "光传输设备" },
};

static const Text target_focus[] = {
  { "Defend the installed base", "守住存量份额" },
  { "Win the data center refresh", "拿下数据中心更新项目" },
  { "Break into the security budget", "突破安全预算" },
  { "Grow share of wallet to 40%", "份额提升到40%" },
  { "Land the cloud platform project", "云平台项目落地" },
  { "Expand from network to computing", "从网络延伸到算力" },
  { "Sign a three-year framework agreement", "签订三年框架协议" },
  { "Move from products to managed services", "从产品转向服务运营" },
  { "Recover after last year's loss", "扭转去年丢单局面" },
  { "Build relationships with the new leadership", "建立新领导班子关系" },
};

static const Text strategy_goal[] = {
  { "Protect our position as main supplier.", "巩固主供应商地位。" },
  { "Grow from a niche supplier to a strategic partner.", "从单一产品供应商发展为战略合作伙伴。" },
  { "Win back share lost to the competition.", "夺回被竞争对手抢走的份额。" },
  { "Keep the account profitable with services.", "以服务提升该客户的盈利能力。" },
  { "Open the account: first reference project.", "打开局面，做出第一个样板项目。" },
  { "Prepare for the next five-year plan.", "提前布局下一个五年规划。" },
};

static const Text strategy_tactic[] = {
  { "Quarterly executive meetings with the economic buyer.", "每季度与决策人高层会谈。" },
  { "Joint innovation lab with the IT department.", "与信息部门共建联合创新实验室。" },
  { "Technical exchanges and a proof of concept before tendering.", "招标前安排技术交流和POC测试。" },
  { "Bundle services to lift margin.", "捆绑服务提升毛利。" },
  { "Work through the integrator who holds the framework contract.", "通过持有框架合同的集成商合作。" },
  { "Invite key contacts to the customer summit and HQ visit.", "邀请关键人参加客户峰会及总部参观。" },
  { "Align our roadmap with their budget cycle.", "使我方产品路线与其预算周期对齐。" },
};

/* Contacts: five tracks of an org chart. */
enum {
  TRACK_IT,
  TRACK_OPS,
  TRACK_PROC,
  TRACK_FIN,
  TRACK_EXEC,
  N_TRACKS
};

enum {
  STYLE_CORP,
  STYLE_GOV,
  STYLE_EDU,
  N_STYLES
};

static const Text top_titles[N_INDUSTRIES] = {
  { "General Manager", "总经理" },
  { "Director General", "局长" },
  { "President", "行长" },          /* banks */
  { "General Manager", "总经理" },
  { "President", "校长" },          /* schools and universities */
  { "Chairman and CEO", "董事长兼总经理" },
};

static const Text top_titles_gov[] = {
  { "Director General", "厅长" },
  { "Director General", "局长" },
  { "Commander", "支队长" },
  { "Director", "主任" },
};

/* [style][track][level - 1], two choices each (the second may be empty) */
static const Text titles[N_STYLES][N_TRACKS][4][2] = {
  { /* companies */
    { { { "CIO", "首席信息官" }, { "CTO", "首席技术官" } },
      { { "Head of IT Infrastructure", "基础架构部经理" }, { "Head of Information Security", "信息安全部经理" } },
      { { "Network Manager", "网络主管" }, { "Data Center Manager", "数据中心主管" } },
      { { "Network Engineer", "网络工程师" }, { "System Administrator", "系统管理员" } } },
    { { { "COO", "首席运营官" }, { "Vice President", "副总经理" } },
      { { "Head of Operations", "运营部经理" }, { "Business Unit Director", "事业部总监" } },
      { { "Project Manager", "项目经理" }, { "Operations Supervisor", "运营主管" } },
      { { "Operations Specialist", "运营专员" }, { "Business Analyst", "业务分析师" } } },
    { { { "Chief Procurement Officer", "采购总监" }, { NULL, NULL } },
      { { "Procurement Manager", "采购经理" }, { "Head of Tendering", "招标办主任" } },
      { { "Procurement Specialist", "采购专员" }, { "Contract Manager", "合同主管" } },
      { { "Procurement Assistant", "采购助理" }, { NULL, NULL } } },
    { { { "CFO", "财务总监" }, { NULL, NULL } },
      { { "Finance Manager", "财务经理" }, { "Budget Manager", "预算经理" } },
      { { "Senior Accountant", "主管会计" }, { NULL, NULL } },
      { { "Accountant", "会计" }, { NULL, NULL } } },
    { { { "Executive Assistant to the CEO", "总经理助理" }, { NULL, NULL } },
      { { "Office Manager", "办公室主任" }, { NULL, NULL } },
      { { "Secretary", "秘书" }, { NULL, NULL } },
      { { "Administrative Assistant", "行政助理" }, { NULL, NULL } } } },
  { /* government */
    { { { "Deputy Director General (IT)", "副局长（分管信息化）" }, { NULL, NULL } },
      { { "Director of Information Center", "信息中心主任" }, { NULL, NULL } },
      { { "Section Chief, Networks", "网络科科长" }, { "Section Chief, Security", "安全科科长" } },
      { { "Engineer", "工程师" }, { "System Administrator", "系统管理员" } } },
    { { { "Deputy Director General", "副局长" }, { NULL, NULL } },
      { { "Division Director", "业务处处长" }, { "Deputy Division Director", "业务处副处长" } },
      { { "Section Chief", "科长" }, { NULL, NULL } },
      { { "Staff Member", "科员" }, { NULL, NULL } } },
    { { { "Director of Procurement Center", "采购中心主任" }, { NULL, NULL } },
      { { "Deputy Director of Procurement Center", "采购中心副主任" }, { NULL, NULL } },
      { { "Section Chief, Procurement", "采购科科长" }, { NULL, NULL } },
      { { "Procurement Officer", "采购专员" }, { NULL, NULL } } },
    { { { "Chief Accountant", "总会计师" }, { NULL, NULL } },
      { { "Director of Finance Division", "财务处处长" }, { NULL, NULL } },
      { { "Section Chief, Budget", "预算科科长" }, { NULL, NULL } },
      { { "Accountant", "会计" }, { NULL, NULL } } },
    { { { "Director of General Office", "办公室主任" }, { NULL, NULL } },
      { { "Deputy Director of General Office", "办公室副主任" }, { NULL, NULL } },
      { { "Secretary", "秘书" }, { NULL, NULL } },
      { { "Clerk", "办事员" }, { NULL, NULL } } } },
  { /* education */
    { { { "Vice President (IT)", "副校长（分管信息化）" }, { NULL, NULL } },
      { { "Director of Network Center", "网络与信息中心主任" }, { NULL, NULL } },
      { { "Network Manager", "网络管理科科长" }, { "Data Center Manager", "数据中心主管" } },
      { { "Network Engineer", "网络工程师" }, { "System Administrator", "系统管理员" } } },
    { { { "Vice President", "副校长" }, { NULL, NULL } },
      { { "Dean of Academic Affairs", "教务处处长" }, { "Director of Research Office", "科研处处长" } },
      { { "Deputy Dean", "副处长" }, { NULL, NULL } },
      { { "Academic Affairs Officer", "教务员" }, { NULL, NULL } } },
    { { { "Director of Procurement Center", "招标采购中心主任" }, { NULL, NULL } },
      { { "Deputy Director of Procurement Center", "招标采购中心副主任" }, { NULL, NULL } },
      { { "Procurement Officer", "采购科科长" }, { NULL, NULL } },
      { { "Procurement Clerk", "采购员" }, { NULL, NULL } } },
    { { { "Chief Accountant", "总会计师" }, { NULL, NULL } },
      { { "Director of Finance Office", "财务处处长" }, { NULL, NULL } },
      { { "Senior Accountant", "主管会计" }, { NULL, NULL } },
      { { "Accountant", "会计" }, { NULL, NULL } } },
    { { { "Director of President's Office", "校长办公室主任" }, { NULL, NULL } },
      { { "Deputy Director of President's Office", "校长办公室副主任" }, { NULL, NULL } },
      { { "Secretary", "秘书" }, { NULL, NULL } },
      { { "Clerk", "办事员" }, { NULL, NULL } } } },
};

static const Text departments[N_STYLES][N_TRACKS + 1] = {
  { { "Information Technology", "信息技术部" }, { "Operations", "运营管理部" },
    { "Procurement", "采购部" }, { "Finance", "财务部" },
    { "Executive Office", "总经理办公室" }, { "Management", "公司领导" } },
  { { "Information Center", "信息中心" }, { "Business Division", "业务处" },
    { "Procurement Center", "采购中心" }, { "Finance Division", "财务处" },
    { "General Office", "办公室" }, { "Leadership", "局领导" } },
  { { "Network and Information Center", "网络与信息中心" }, { "Academic Affairs Office", "教务处" },
    { "Procurement and Tendering Center", "招标采购中心" }, { "Finance Office", "财务处" },
    { "President's Office", "校长办公室" }, { "University Leadership", "校领导" } },
};

static const Text contact_notes[] = {
  { "Plays golf on weekends.", "周末喜欢打高尔夫。" },
  { "Prefers WeChat to email.", "习惯用微信沟通，不太看邮件。" },
  { "Does not drink; avoid banquets.", "不喝酒，避免安排酒局。" },
  { "Child starts university this year.", "孩子今年上大学。" },
  { "Alumnus of Tsinghua University.", "清华大学校友。" },
  { "Very detail-oriented on technical specs.", "非常关注技术细节。" },
  { "Former employee of a competitor.", "曾在竞争对手公司工作。" },
  { "Marathon runner.", "马拉松爱好者。" },
  { "Up for promotion next year.", "明年有望提拔。" },
  { "Joined recently from headquarters.", "刚从总部调来。" },
};

/* Visits */
static const Text objectives[4][5] = {
  { { "Quarterly business review", "季度业务回顾" },
    { "Present the solution proposal", "方案汇报" },
    { "Technical exchange with the IT team", "与信息部门技术交流" },
    { "Kick-off of the proof of concept", "POC测试启动" },
    { "Discuss next year's budget", "沟通明年预算" } },
  { { "Follow up on the quotation", "报价跟进" },
    { "Clarify tender requirements", "澄清招标需求" },
    { "Check project progress", "项目进展沟通" },
    { "Schedule the executive meeting", "约高层会面时间" },
    { "Service escalation call", "服务问题升级沟通" } },
  { { "Lunch with the CIO", "与信息主管午餐" },
    { "Relationship lunch", "午餐交流" },
    { "Lunch after the technical workshop", "技术交流后午餐" },
    { "Lunch with the procurement team", "与采购部门午餐" },
    { "Welcome lunch for the new director", "新任主任接风午餐" } },
  { { "Customer summit", "客户峰会" },
    { "Solution showcase at our briefing center", "展厅参观及方案展示" },
    { "Industry forum", "行业论坛" },
    { "Joint innovation workshop", "联合创新研讨会" },
    { "Product launch event", "新品发布会" } },
};

static const Text outcomes[] = {
  { "Customer confirmed the budget for next quarter.", "客户确认了下季度预算。" },
  { "Agreed on the scope of the proof of concept.", "双方确认了POC测试范围。" },
  { "Concerns about delivery time; we will send a plan.", "客户担心交付周期，我方需提供计划。" },
  { "Positive feedback on the solution.", "客户对方案反馈积极。" },
  { "Competitor offered a lower price; need to respond.", "竞争对手报价更低，需要应对。" },
  { "Met the new head of IT for the first time.", "首次拜见新任信息部门负责人。" },
  { "Customer asked for a reference visit.", "客户希望参观样板案例。" },
  { "Service issues escalated; customer unhappy.", "服务问题被升级，客户不满意。" },
  { "Tender expected next month.", "预计下个月招标。" },
  { "Introduced our managed services offer.", "介绍了我方代维服务。" },
};

static const Text cancel_reasons[] = {
  { "Customer rescheduled.", "客户临时有会，改期。" },
  { "Cancelled: key contact travelling.", "关键人出差，取消。" },
  { "Postponed until after the tender.", "推迟到招标之后。" },
};

static const Text next_steps[] = {
  { "Send the updated quotation", "发送更新后的报价" },
  { "Arrange a technical workshop", "安排技术交流会" },
  { "Prepare the proof-of-concept plan", "准备POC测试方案" },
  { "Invite the CIO to our headquarters", "邀请信息主管参观总部" },
  { "Follow up with procurement on the tender", "与采购跟进招标事宜" },
  { "Share the reference case", "提供样板案例资料" },
  { "Escalate the service issue internally", "内部升级服务问题" },
  { "Draft the framework agreement", "起草框架协议" },
};

/* Opportunities */
static const Text projects[N_INDUSTRIES][5] = {
  { { "5G core network expansion", "5G核心网扩容" },
    { "400G transport upgrade", "400G传输网升级" },
    { "IDC network refresh", "IDC网络改造" },
    { "Network automation platform", "网络自动化平台" },
    { "Edge computing nodes", "边缘计算节点" } },
  { { "E-government cloud", "政务云" },
    { "Video surveillance network", "视频专网" },
    { "Data sharing platform", "数据共享交换平台" },
    { "Security compliance upgrade", "等保合规整改" },
    { "City operations center", "城市运行管理中心" } },
  { { "Core banking infrastructure", "核心系统基础设施" },
    { "Branch SD-WAN", "网点SD-WAN" },
    { "Disaster recovery center", "灾备中心" },
    { "Xinchuang server replacement", "信创服务器替换" },
    { "Cloud desktop for branches", "网点云桌面" } },
  { { "Smart grid communication network", "智能电网通信网" },
    { "Substation IoT", "变电站物联网" },
    { "Dispatch network upgrade", "调度数据网升级" },
    { "Industrial control security", "工控安全" },
    { "Virtual power plant platform", "虚拟电厂平台" } },
  { { "Campus Wi-Fi 6", "校园无线网络改造" },
    { "Smart classrooms", "智慧教室" },
    { "HPC cluster", "高性能计算集群" },
    { "Campus data center", "校园数据中心" },
    { "Campus network security", "校园网安全" } },
  { { "Factory 5G private network", "工厂5G专网" },
    { "Plant network upgrade", "车间网络升级" },
    { "Industrial internet platform", "工业互联网平台" },
    { "Data center consolidation", "数据中心整合" },
    { "Cloud ERP infrastructure", "ERP上云基础设施" } },
};

static const Text won_reasons[] = {
  { "Best combined technical and price score", "技术商务综合评分第一" },
  { "Strong local service team", "本地化服务能力强" },
  { "Solid relationship with the decision makers", "与决策层关系稳固" },
  { "Successful proof of concept", "POC测试表现优异" },
  { "Installed base and compatibility", "存量设备兼容性好" },
};

static const Text lost_reasons[] = {
  { "Price higher than the competition", "价格高于竞争对手" },
  { "Competitor engaged earlier", "竞争对手提前介入" },
  { "Budget cut, project cancelled", "预算削减，项目取消" },
  { "Domestic-brand requirement", "要求国产化品牌" },
  { "Weak relationship with the new leadership", "与新领导层关系薄弱" },
};

static const Text opportunity_steps[] = {
  { "Technical exchange", "安排技术交流" },
  { "Submit the proposal", "提交方案建议书" },
  { "Proof of concept", "POC测试" },
  { "Commercial negotiation", "商务谈判" },
  { "Meet the economic buyer", "拜访决策人" },
  { "Prepare the tender response", "准备投标文件" },
  { "Confirm the budget", "确认预算" },
};

static const guint stage_weights[KAM_N_STAGES] = { 14, 13, 12, 9, 32, 20 };

/* ------------------------------------------------------------------------ */
/* State                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
  char        id[UUID_LEN + 1];
  char       *name;          /* until the account is saved */
  char       *local_name;
  char       *domain;        /* of e-mail addresses */
  const char *region;
  guint       industry;
  guint       style;         /* titles and departments: company, government, university */
  const Text *top_title;
  gboolean    english;       /* English names and texts */
  guint       city;          /* where to meet */
  double      size;          /* how big such a body tends to be */
  double      revenue;
  guint       tier;          /* as the store will classify it (0 A, 1 B, 2 C) */
  char        pinned;        /* 'A', 'B' or 0: a tier pinned above the revenue's */
  guint32     created;       /* julian day the account was set up */
  guint       owner;         /* member indexes */
  guint       partner;
  guint       competitors[3];
  guint       n_competitors;
  guint       n_contacts;
} AccountPlan;

typedef struct {
  char  id[UUID_LEN + 1];
  int   level;
  int   track;
  int   parent;
  int   influence;
} ContactPlan;

typedef struct {
  int name, local_name, industry, region, owner_id, tier_pinned, value_type,
      annual_spend, share_of_wallet, competitor_shares, revenue_this_year,
      revenue_last_year, gross_margin, margin_score, payment_score, satisfaction,
      loyalty_stage, service_level, needs_current, needs_met, needs_future,
      targets, strategy;
} AccountFields;

typedef struct {
  int account_id, name, title, department, email, phone, reports_to_id,
      decision_role, influence, attitude, strength, owner_id, notes;
} ContactFields;

typedef struct {
  int from_id, to_id, kind, strength;
} RelationFields;

typedef struct {
  int account_id, start_at, end_at, place, kind, objective, contact_ids,
      member_ids, status, outcome, next_steps, follow_up;
} VisitFields;

typedef struct {
  int account_id, name, amount, stage, probability, expected_close, owner_id,
      competitors, next_step, reason, notes, closed_on, stage_history;
} OpportunityFields;

typedef struct {
  KamStore            *store;
  GRand               *rand;
  GTimeZone           *tz;
  guint32              today;       /* julian day */
  int                  year;
  gboolean             in_transaction;
  guint32              next_id;

  guint                n_members;
  char               (*member_ids)[UUID_LEN + 1];
  AccountPlan         *accounts;
  guint                n_accounts;
  ContactPlan         *contacts;    /* MAX_CONTACTS per account */
  GHashTable          *names;       /* account names taken */

  KamGenerateProgress  progress;
  gpointer             progress_data;
  double               last_fraction;
  gint64               saved_cache_size;      /* 0: not changed */
  gint64               saved_autocheckpoint;  /* 0: not changed */

  AccountFields        af;
  ContactFields        cf;
  RelationFields       rf;
  VisitFields          vf;
  OpportunityFields    of;
} Gen;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static inline guint
rnd (Gen   *g,
     guint  n)
{
  return n <= 1 ? 0 : (guint) g_rand_int_range (g->rand, 0, (gint32) n);
}

/* A whole number from @lo to @hi, both included. */
static inline int
rnd_between (Gen *g,
             int  lo,
             int  hi)
{
  return hi <= lo ? lo : g_rand_int_range (g->rand, lo, hi + 1);
}

static inline double
rnd_double (Gen *g)
{
  return g_rand_double (g->rand);
}

static inline gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

static guint
rnd_weighted (Gen         *g,
              const guint *weights,
              guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = rnd (g, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

#define PICK(g, array) (&(array)[rnd ((g), G_N_ELEMENTS (array))])

static const char *
text_of (const Text *t,
         gboolean    english)
{
  return english ? t->en : t->zh;
}

static void
make_uuid (Gen  *g,
           char  out[UUID_LEN + 1])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint j = 0;

  for (guint i = 0; i < 4; i++)
    {
      guint32 r = g_rand_int (g->rand);

      bytes[i * 4] = r >> 24;
      bytes[i * 4 + 1] = r >> 16;
      bytes[i * 4 + 2] = r >> 8;
      bytes[i * 4 + 3] = r;
    }
  /* Ids in the order made, as the store's own (version 7) ids are: the
   * first 32 bits count up, so SQLite appends to its indexes.  The seed
   * still decides the rest, so the same seed gives the same ids. */
  g->next_id++;
  bytes[0] = g->next_id >> 24;
  bytes[1] = g->next_id >> 16;
  bytes[2] = g->next_id >> 8;
  bytes[3] = g->next_id;
  bytes[6] = (bytes[6] & 0x0f) | 0x80;  /* version 8: custom layout */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0xf];
    }
  out[j] = '\0';
}

static void
format_date (guint32 julian,
             char    out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* 1 Monday .. 7 Sunday, as g_date_get_weekday(). */
static inline int
weekday_of (guint32 julian)
{
  return (int) ((julian - 1) % 7) + 1;
}

/* @minutes after local midnight of day @julian, as stored: UTC ISO 8601. */
static void
format_local_time (Gen     *g,
                   guint32  julian,
                   int      minutes,
                   char     out[21])
{
  gint64 t = ((gint64) julian - UNIX_EPOCH_JULIAN) * 86400 + (gint64) minutes * 60;
  gint64 days;
  int secs;
  int interval;
  GDate date;

  interval = g_time_zone_adjust_time (g->tz, G_TIME_TYPE_STANDARD, &t);
  t -= g_time_zone_get_offset (g->tz, interval);

  days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  secs = (int) (t - days * 86400);
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (days + UNIX_EPOCH_JULIAN));
  g_snprintf (out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
              secs / 3600, secs / 60 % 60, secs % 60);
}

/* Lower-case letters and digits of @text, appended to @out. */
static void
append_slug (GString    *out,
             const char *text)
{
  for (const char *p = text; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
}

/* Expands {E} {A} {Z} {F} in @template. */
static void
expand (GString    *out,
        const char *template,
        const char *e,
        const char *a,
        const char *z,
        const char *f)
{
  for (const char *p = template; *p; p++)
    {
      if (p[0] == '{' && p[1] != '\0' && p[2] == '}')
        {
          switch (p[1])
            {
            case 'E': g_string_append (out, e); break;
            case 'A': g_string_append (out, a); break;
            case 'Z': g_string_append (out, z); break;
            case 'F': g_string_append (out, f); break;
            default: break;
            }
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
}

/* Field values.  kam_record_take_value() copies, so static strings do. */

static void
set_string (KamRecord  *record,
            int         index,
            const char *text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, text);
  kam_record_take_value (record, index, &value);
  g_value_unset (&value);
}

static void
set_int (KamRecord *record,
         int        index,
         int        v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, v);
  kam_record_take_value (record, index, &value);
}

static void
set_double (KamRecord *record,
            int        index,
            double     v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, v);
  kam_record_take_value (record, index, &value);
}

static void
set_enum (KamRecord *record,
          int        index,
          int        v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_VALUE_TYPE (kam_record_peek_value (record, index)));
  g_value_set_enum (&value, v);
  kam_record_take_value (record, index, &value);
}

static void
set_strv (KamRecord          *record,
          int                 index,
          const char * const *strv)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_static_boxed (&value, strv);
  kam_record_take_value (record, index, &value);
  g_value_unset (&value);
}

static KamRecord *
new_record (const KamRecordKind *kind,
            const char          *id)
{
  return g_object_new (kind->get_type (), "id", id, NULL);
}

/* A created_at or updated_at: @minutes after midnight UTC of day @julian. */
static void
format_stamp (guint32 julian,
              int     minutes,
              char    out[21])
{
  format_date (julian, out);
  g_snprintf (out + 10, 11, "T%02d:%02d:%02dZ", minutes / 60 % 24, minutes % 60, (minutes * 7) % 60);
}

static void
report_progress (Gen    *g,
                 double  fraction)
{
  if (g->progress == NULL || (fraction < 1.0 && fraction - g->last_fraction < 0.005))
    return;
  g->last_fraction = fraction;
  g->progress (MIN (fraction, 1.0), g->progress_data);
}

/* Saves @record with the times it was made and last changed, which are
 * dates of the story told here rather than now, so that the same options
 * give the same records to the second. */
static gboolean
save (Gen          *g,
      KamRecord    *record,
      guint32       created,
      guint32       updated,
      KamSaveFlags  flags,
      GError      **error)
{
  char created_at[21], updated_at[21];
  int created_minutes = rnd_between (g, 60, 540);  /* office hours in China, in UTC */

  updated = MAX (created, updated);
  format_stamp (created, created_minutes, created_at);
  format_stamp (updated, updated == created ? rnd_between (g, created_minutes, 600) : rnd_between (g, 60, 600),
                updated_at);
  kam_record_set_timestamps (record, created_at, updated_at);

  if (!kam_store_save_full (g->store, record, KAM_SAVE_KEEP_TIMESTAMPS | KAM_SAVE_DEFER_REFERENCES | KAM_SAVE_NEW | flags, error))
    return FALSE;

  return TRUE;
}

#define LOOKUP(kind, fields, member, field_name)                               \
  G_STMT_START {                                                              \
    if (((fields).member = kam_record_kind_field_index (&(kind), field_name)) < 0) \
      {                                                                       \
        g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED,          \
                     "The %s kind has no field %s", (kind).name, field_name);  \
        return FALSE;                                                         \
      }                                                                       \
  } G_STMT_END

static gboolean
lookup_fields (Gen     *g,
               GError **error)
{
  LOOKUP (kam_account_kind, g->af, name, "name");
  LOOKUP (kam_account_kind, g->af, local_name, "local_name");
  LOOKUP (kam_account_kind, g->af, industry, "industry");
  LOOKUP (kam_account_kind, g->af, region, "region");
  LOOKUP (kam_account_kind, g->af, owner_id, "owner_id");
  LOOKUP (kam_account_kind, g->af, tier_pinned, "tier_pinned");
  LOOKUP (kam_account_kind, g->af, value_type, "value_type");
  LOOKUP (kam_account_kind, g->af, annual_spend, "annual_spend");
  LOOKUP (kam_account_kind, g->af, share_of_wallet, "share_of_wallet");
  LOOKUP (kam_account_kind, g->af, competitor_shares, "competitor_shares");
  LOOKUP (kam_account_kind, g->af, revenue_this_year, "revenue_this_year");
  LOOKUP (kam_account_kind, g->af, revenue_last_year, "revenue_last_year");
  LOOKUP (kam_account_kind, g->af, gross_margin, "gross_margin");
  LOOKUP (kam_account_kind, g->af, margin_score, "margin_score");
  LOOKUP (kam_account_kind, g->af, payment_score, "payment_score");
  LOOKUP (kam_account_kind, g->af, satisfaction, "satisfaction");
  LOOKUP (kam_account_kind, g->af, loyalty_stage, "loyalty_stage");
  LOOKUP (kam_account_kind, g->af, service_level, "service_level");
  LOOKUP (kam_account_kind, g->af, needs_current, "needs_current");
  LOOKUP (kam_account_kind, g->af, needs_met, "needs_met");
  LOOKUP (kam_account_kind, g->af, needs_future, "needs_future");
  LOOKUP (kam_account_kind, g->af, targets, "targets");
  LOOKUP (kam_account_kind, g->af, strategy, "strategy");

  LOOKUP (kam_contact_kind, g->cf, account_id, "account_id");
  LOOKUP (kam_contact_kind, g->cf, name, "name");
  LOOKUP (kam_contact_kind, g->cf, title, "title");
  LOOKUP (kam_contact_kind, g->cf, department, "department");
  LOOKUP (kam_contact_kind, g->cf, email, "email");
  LOOKUP (kam_contact_kind, g->cf, phone, "phone");
  LOOKUP (kam_contact_kind, g->cf, reports_to_id, "reports_to_id");
  LOOKUP (kam_contact_kind, g->cf, decision_role, "decision_role");
  LOOKUP (kam_contact_kind, g->cf, influence, "influence");
  LOOKUP (kam_contact_kind, g->cf, attitude, "attitude");
  LOOKUP (kam_contact_kind, g->cf, strength, "strength");
  LOOKUP (kam_contact_kind, g->cf, owner_id, "owner_id");
  LOOKUP (kam_contact_kind, g->cf, notes, "notes");

  LOOKUP (kam_relation_kind, g->rf, from_id, "from_id");
  LOOKUP (kam_relation_kind, g->rf, to_id, "to_id");
  LOOKUP (kam_relation_kind, g->rf, kind, "kind");
  LOOKUP (kam_relation_kind, g->rf, strength, "strength");

  LOOKUP (kam_visit_kind, g->vf, account_id, "account_id");
  LOOKUP (kam_visit_kind, g->vf, start_at, "start_at");
  LOOKUP (kam_visit_kind, g->vf, end_at, "end_at");
  LOOKUP (kam_visit_kind, g->vf, place, "place");
  LOOKUP (kam_visit_kind, g->vf, kind, "kind");
  LOOKUP (kam_visit_kind, g->vf, objective, "objective");
  LOOKUP (kam_visit_kind, g->vf, contact_ids, "contact_ids");
  LOOKUP (kam_visit_kind, g->vf, member_ids, "member_ids");
  LOOKUP (kam_visit_kind, g->vf, status, "status");
  LOOKUP (kam_visit_kind, g->vf, outcome, "outcome");
  LOOKUP (kam_visit_kind, g->vf, next_steps, "next_steps");
  LOOKUP (kam_visit_kind, g->vf, follow_up, "follow_up");

  LOOKUP (kam_opportunity_kind, g->of, account_id, "account_id");
  LOOKUP (kam_opportunity_kind, g->of, name, "name");
  LOOKUP (kam_opportunity_kind, g->of, amount, "amount");
  LOOKUP (kam_opportunity_kind, g->of, stage, "stage");
  LOOKUP (kam_opportunity_kind, g->of, probability, "probability");
  LOOKUP (kam_opportunity_kind, g->of, expected_close, "expected_close");
  LOOKUP (kam_opportunity_kind, g->of, owner_id, "owner_id");
  LOOKUP (kam_opportunity_kind, g->of, competitors, "competitors");
  LOOKUP (kam_opportunity_kind, g->of, next_step, "next_step");
  LOOKUP (kam_opportunity_kind, g->of, reason, "reason");
  LOOKUP (kam_opportunity_kind, g->of, notes, "notes");
  LOOKUP (kam_opportunity_kind, g->of, closed_on, "closed_on");
  LOOKUP (kam_opportunity_kind, g->of, stage_history, "stage_history");

  return TRUE;
}

#undef LOOKUP

/* ------------------------------------------------------------------------ */
/* People                                                                   */
/* ------------------------------------------------------------------------ */

/* A Chinese name and its pinyin e-mail name ("zhang.wei"). */
static void
chinese_name (Gen     *g,
              GString *name,
              GString *mail)
{
  const Hanzi *surname = chance (g, 0.8) ? &surnames[rnd (g, N_COMMON_SURNAMES)]
                                         : &surnames[N_COMMON_SURNAMES + rnd (g, G_N_ELEMENTS (surnames) - N_COMMON_SURNAMES)];
  gboolean male = chance (g, 0.6);
  const Hanzi *last = male ? PICK (g, given_male) : PICK (g, given_female);

  g_string_append (name, surname->zh);
  g_string_append (mail, surname->py);
  g_string_append_c (mail, '.');

  /* 伟 is the most common given name of all. */
  if (male && chance (g, 0.08))
    last = &given_male[0];
  else if (chance (g, 0.6))
    {
      const Hanzi *first = PICK (g, given_first);

      g_string_append (name, first->zh);
      g_string_append (mail, first->py);
    }

  g_string_append (name, last->zh);
  g_string_append (mail, last->py);
}

static void
english_name (Gen     *g,
              GString *name,
              GString *mail)
{
  const char *first = *PICK (g, english_first);
  const char *last = *PICK (g, english_last);

  g_string_append_printf (name, "%s %s", first, last);
  for (const char *p = first; *p; p++)
    g_string_append_c (mail, g_ascii_tolower (*p));
  g_string_append_c (mail, '.');
  for (const char *p = last; *p; p++)
    g_string_append_c (mail, g_ascii_tolower (*p));
}

/* Appends a number to @mail while @taken has it. */
static void
make_unique_mail (GString    *mail,
                  GHashTable *taken)
{
  gsize base = mail->len;

  for (guint n = 2; g_hash_table_contains (taken, mail->str); n++)
    {
      g_string_truncate (mail, base);
      g_string_append_printf (mail, "%u", n);
    }
  g_hash_table_add (taken, g_strdup (mail->str));
}

static void
mobile_number (Gen     *g,
               GString *out)
{
  static const char * const prefixes[] = { "135", "136", "138", "139", "150", "158", "186", "188", "177", "199" };

  g_string_append_printf (out, "+86 %s %04u %04u", *PICK (g, prefixes), rnd (g, 10000), rnd (g, 10000));
}

static gboolean
generate_members (Gen     *g,
                  GError **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(GString) phone = g_string_new (NULL);
  g_autoptr(GString) email = g_string_new (NULL);
  int name_i = kam_record_kind_field_index (&kam_member_kind, "name");
  int role_i = kam_record_kind_field_index (&kam_member_kind, "role");
  int email_i = kam_record_kind_field_index (&kam_member_kind, "email");
  int phone_i = kam_record_kind_field_index (&kam_member_kind, "phone");

  g_return_val_if_fail (name_i >= 0 && role_i >= 0 && email_i >= 0 && phone_i >= 0, FALSE);

  for (guint i = 0; i < g->n_members; i++)
    {
      g_autoptr(KamRecord) member = NULL;
      const char *role;

      make_uuid (g, g->member_ids[i]);
      g_string_truncate (name, 0);
      g_string_truncate (mail, 0);
      g_string_truncate (phone, 0);
      chinese_name (g, name, mail);
      make_unique_mail (mail, taken);
      g_string_printf (email, "%s@ourcompany.example", mail->str);
      mobile_number (g, phone);

      if (i == 0)
        role = "大客户总监";
      else if (chance (g, 0.3))
        role = "高级大客户经理";
      else
        role = "大客户经理";

      member = new_record (&kam_member_kind, g->member_ids[i]);
      set_string (member, name_i, name->str);
      set_string (member, role_i, role);
      set_string (member, email_i, email->str);
      set_string (member, phone_i, phone->str);
      if (!save (g, member, g->today - 3000 - rnd (g, 300), g->today - rnd (g, 400),
                 KAM_SAVE_DEFAULT, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Accounts                                                                 */
/* ------------------------------------------------------------------------ */

static int
compare_revenue_desc (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const AccountPlan *accounts = user_data;
  double ra = accounts[*(const guint *) a].revenue;
  double rb = accounts[*(const guint *) b].revenue;

  if (ra != rb)
    return ra > rb ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/* Revenue: heavy-tailed so that about a fifth of the accounts makes 80% of
 * it (Pareto's rule).  A Pareto law with alpha 1.16 gives that only in the
 * limit: a few hundred or thousand draws from it miss the far tail, and their
 * top fifth makes 65-75%.  A log-normal law with sigma 1.68 gives 20/80 at
 * every size (its Lorenz curve: 1 - Phi(Phi^-1(0.8) - sigma) = 0.8), and
 * drawing it by strata (one draw in each 1/n of the quantiles, shuffled)
 * removes the luck of a small sample.  Also the tier the store will give
 * each account, which sets the visit cadence. */
static double
normal_quantile (double p)
{
  /* Acklam's rational approximation, relative error < 1.2e-9 */
  static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                              1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
  static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                              6.680131188771972e+01, -1.328068155288572e+01 };
  static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                              -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
  static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                              3.754408661907416e+00 };
  double q, r;

  if (p < 0.02425)
    {
      q = sqrt (-2 * log (p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
             / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
  if (p > 1 - 0.02425)
    return -normal_quantile (1 - p);

  q = p - 0.5;
  r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
         / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

static void
plan_revenues (Gen *g)
{
  g_autofree guint *order = g_new (guint, g->n_accounts);
  g_autofree double *revenues = g_new (double, g->n_accounts);
  double total = 0.0;
  double before = 0.0;

  /* from the largest down */
  for (guint i = 0; i < g->n_accounts; i++)
    {
      double u = (g->n_accounts - i - 0.8 + 0.6 * rnd_double (g)) / g->n_accounts;
      double revenue = MIN (4e6 * exp (1.68 * normal_quantile (u)), 1e11);

      revenues[i] = MAX (10000.0, round (revenue / 1000.0) * 1000.0);
      total += revenues[i];
    }

  /* The bigger sorts of customers get the bigger revenues, roughly: rank
   * by size plus noise. */
  for (guint i = 0; i < g->n_accounts; i++)
    {
      double noise = rnd_double (g) + rnd_double (g) + rnd_double (g) - 1.5;

      g->accounts[i].revenue = g->accounts[i].size + 1.6 * noise;  /* the key, for now */
      order[i] = i;
    }
  g_qsort_with_data (order, g->n_accounts, sizeof (guint), compare_revenue_desc, g->accounts);
  for (guint k = 0; k < g->n_accounts; k++)
    g->accounts[order[k]].revenue = revenues[k];

  for (guint k = 0; k < g->n_accounts; k++)
    {
      AccountPlan *plan = &g->accounts[order[k]];

      plan->tier = before < 0.80 * total ? 0 : before < 0.95 * total ? 1 : 2;
      before += plan->revenue;
    }

  /* A few strategic accounts are pinned above what their revenue says
   * (one in 80, at least one in a portfolio of 20 or more). */
  if (g->n_accounts >= 20)
    for (guint n = MAX (1, g->n_accounts / 80), tries = 0; n > 0 && tries < 100 * g->n_accounts; tries++)
      {
        AccountPlan *plan = &g->accounts[rnd (g, g->n_accounts)];

        if (plan->tier == 0 || plan->pinned != 0)
          continue;
        plan->tier = chance (g, 0.6) ? 0 : plan->tier - 1;
        plan->pinned = plan->tier == 0 ? 'A' : 'B';
        n--;
      }
}

/* How big a customer of each sort tends to be (the revenue is drawn in the
 * order of this plus noise): provincial carriers, grids and banks first. */
static const double public_size[2][N_INDUSTRIES] = {
  /* telecom government finance energy education manufacturing */
  { 3.0, 2.2, 2.6, 3.0, 1.5, 2.2 },   /* provincial */
  { 2.0, 1.5, 1.8, 1.8, 0.8, 1.5 },   /* city */
};

/* Picks the industry, kind and names of the account; the name and local
 * name go to @plan (local name empty for Chinese-only and English names). */
static void
plan_account_name (Gen         *g,
                   AccountPlan *plan)
{
  guint industry = rnd_weighted (g, industry_weights, N_INDUSTRIES);
  g_autoptr(GString) en = g_string_new (NULL);
  g_autoptr(GString) zh = g_string_new (NULL);
  g_autoptr(GString) domain = g_string_new (NULL);
  gboolean chinese_only = FALSE;
  guint kind;

  /* 0: public body, 1: private Chinese company, 2: foreign company */
  if (industry == IND_GOVERNMENT)
    kind = 0;
  else
    {
      double r = rnd_double (g);

      kind = r < 0.45 ? 0 : r < 0.80 ? 1 : 2;
    }

  plan->industry = industry;
  plan->english = kind == 2;
  plan->style = industry == IND_GOVERNMENT ? STYLE_GOV
              : (industry == IND_EDUCATION && kind == 0) ? STYLE_EDU
              : STYLE_CORP;

  for (guint attempt = 0; ; attempt++)
    {
      g_string_truncate (en, 0);
      g_string_truncate (zh, 0);
      g_string_truncate (domain, 0);

      if (kind == 0)
        {
          const Template *t;
          const Province *p;

          do
            t = PICK (g, public_templates);
          while (t->industry != industry);

          if (t->level == 'P')
            {
              guint pi = rnd (g, G_N_ELEMENTS (provinces));

              p = &provinces[pi];
              /* the capital city, for places */
              plan->city = 0;
              for (guint c = 0; c < G_N_ELEMENTS (cities); c++)
                if (cities[c].province == pi)
                  {
                    plan->city = c;
                    break;
                  }
              expand (en, t->en, p->en, p->adj, p->zh, p->zh_full);
              expand (zh, t->zh, p->en, p->adj, p->zh, p->zh_full);
            }
          else
            {
              const City *c;
              g_autofree char *full = NULL;
              g_autofree char *adj = NULL;

              plan->city = rnd (g, G_N_ELEMENTS (cities));
              c = &cities[plan->city];
              p = &provinces[c->province];
              full = g_strconcat (c->zh, "市", NULL);
              adj = g_strconcat (c->en, " Municipal", NULL);
              expand (en, t->en, c->en, adj, c->zh, full);
              expand (zh, t->zh, c->en, adj, c->zh, full);
            }
          plan->region = p->region;

          /* initials of the words that are not the place, then the place */
          for (const char *w = t->en; *w; )
            {
              if (*w == '{')
                w = strchr (w, '}') + 1;
              else if (g_ascii_isupper (*w))
                g_string_append_c (domain, g_ascii_tolower (*w));
              while (*w && *w != ' ')
                w++;
              while (*w == ' ')
                w++;
            }
          if (domain->len > 0)
            g_string_append_c (domain, '-');
          append_slug (domain, t->level == 'P' ? p->en : cities[plan->city].en);
          chinese_only = chance (g, 0.25);
          plan->size = public_size[t->level == 'P' ? 0 : 1][industry];
        }
      else if (kind == 1)
        {
          const Text *brand = PICK (g, brands);
          const Line *line;
          const City *c;

          do
            line = PICK (g, private_lines);
          while (line->industry != industry);
          plan->city = rnd (g, G_N_ELEMENTS (cities));
          c = &cities[plan->city];
          plan->region = provinces[c->province].region;
          g_string_append_printf (en, "%s %s %s Co., Ltd.", c->en, brand->en, line->en);
          g_string_append_printf (zh, "%s%s%s", c->zh, brand->zh, line->zh);
          append_slug (domain, c->en);
          g_string_append_c (domain, '-');
          append_slug (domain, brand->en);
          chinese_only = chance (g, 0.4);
          plan->size = industry == IND_MANUFACTURING ? 1.2 : 1.0;
        }
      else
        {
          const char *brand = *PICK (g, english_brands);
          const Line *line;
          const City *c;

          do
            line = PICK (g, english_lines);
          while (line->industry != industry);
          plan->city = rnd (g, N_MULTINATIONAL_CITIES);
          c = &cities[plan->city];
          plan->region = provinces[c->province].region;
          switch (rnd (g, 3))
            {
            case 0: g_string_append_printf (en, "%s %s (China)", brand, line->en); break;
            case 1: g_string_append_printf (en, "%s %s Asia Pacific", brand, line->en); break;
            default: g_string_append_printf (en, "%s %s %s", brand, line->en, c->en); break;
            }
          append_slug (domain, brand);
          g_string_append_c (domain, '-');
          append_slug (domain, line->en);
          plan->size = 1.2;
        }

      /* Both forms must be new; after a few tries, number it. */
      if ((!g_hash_table_contains (g->names, en->str) && !g_hash_table_contains (g->names, zh->str))
          || attempt >= 12)
        break;
    }

  if (g_hash_table_contains (g->names, en->str) || g_hash_table_contains (g->names, zh->str))
    {
      gsize en_len = en->len, zh_len = zh->len;

      for (guint n = 2; ; n++)
        {
          g_string_truncate (en, en_len);
          g_string_truncate (zh, zh_len);
          g_string_append_printf (en, " (%u)", n);
          if (zh_len > 0)
            g_string_append_printf (zh, "（%u）", n);
          if (!g_hash_table_contains (g->names, en->str)
              && (zh_len == 0 || !g_hash_table_contains (g->names, zh->str)))
            break;
        }
      g_string_append_printf (domain, "%u", rnd (g, 100));
    }

  g_hash_table_add (g->names, g_strdup (en->str));
  if (zh->len > 0)
    g_hash_table_add (g->names, g_strdup (zh->str));

  g_string_append (domain, ".example");
  plan->domain = g_string_free (g_steal_pointer (&domain), FALSE);

  /* Education bureaus are run like government; heads by what they lead. */
  if (plan->style == STYLE_EDU && (strstr (zh->str, "局") || strstr (zh->str, "厅")))
    plan->style = STYLE_GOV;
  if (plan->style == STYLE_GOV)
    plan->top_title = g_str_has_suffix (zh->str, "厅") ? &top_titles_gov[0]
                    : g_str_has_suffix (zh->str, "局") ? &top_titles_gov[1]
                    : g_str_has_suffix (zh->str, "支队") ? &top_titles_gov[2]
                    : &top_titles_gov[3];
  else if (plan->style == STYLE_EDU)
    plan->top_title = &top_titles[IND_EDUCATION];
  else if (industry == IND_FINANCE && (strstr (zh->str, "银行") || strstr (zh->str, "信用") || strstr (en->str, "Bank")))
    plan->top_title = &top_titles[IND_FINANCE];
  else if (industry == IND_FINANCE || industry == IND_EDUCATION || industry == IND_GOVERNMENT)
    plan->top_title = &top_titles[IND_TELECOM];
  else
    plan->top_title = &top_titles[industry];

  if (plan->english)
    plan->name = g_strdup (en->str), plan->local_name = g_strdup ("");
  else if (chinese_only)
    plan->name = g_strdup (zh->str), plan->local_name = g_strdup ("");
  else
    plan->name = g_strdup (en->str), plan->local_name = g_strdup (zh->str);
}

static gboolean
generate_account (Gen      *g,
                  guint     index,
                  GError  **error)
{
  AccountPlan *plan = &g->accounts[index];
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(GString) shares = g_string_new ("{");
  g_autoptr(GString) targets = g_string_new ("[");
  g_autofree char *needs_now = NULL;
  g_autofree char *needs_ours = NULL;
  g_autofree char *strategy = NULL;
  const guint *pool;
  guint pool_len;
  double revenue = plan->revenue;
  double last_year;
  double sow_goal, spend, sow;
  int remaining;
  int loyalty;
  double margin;
  int margin_score;
  const char *sep;

  plan->owner = rnd (g, g->n_members);
  plan->partner = g->n_members > 1 ? (plan->owner + 1 + rnd (g, g->n_members - 1)) % g->n_members : plan->owner;

  /* Revenue last year: related; a few small accounts are new customers. */
  if (plan->tier > 0 && chance (g, 0.12))
    last_year = 0.0;
  else
    last_year = round (revenue * exp ((rnd_double (g) + rnd_double (g) + rnd_double (g) - 1.5) * 0.45) / 1000.0) * 1000.0;

  if (last_year == 0.0)
    loyalty = KAM_LOYALTY_FIRST_PURCHASE;
  else if (plan->tier == 2 && chance (g, 0.3))
    loyalty = chance (g, 0.5) ? KAM_LOYALTY_SUSPECT : KAM_LOYALTY_EXPECTANT;
  else
    loyalty = chance (g, plan->tier == 0 ? 0.35 : 0.15) ? KAM_LOYALTY_ADVOCATE : KAM_LOYALTY_REPEAT;

  switch (loyalty)
    {
    case KAM_LOYALTY_ADVOCATE: sow_goal = 40 + 35 * rnd_double (g); break;
    case KAM_LOYALTY_REPEAT: sow_goal = 15 + 40 * rnd_double (g); break;
    case KAM_LOYALTY_FIRST_PURCHASE: sow_goal = 5 + 20 * rnd_double (g); break;
    default: sow_goal = 2 + 13 * rnd_double (g); break;
    }
  spend = MAX (revenue, round (revenue / (sow_goal / 100.0) / 10000.0) * 10000.0);
  sow = round (revenue / spend * 1000.0) / 10.0;

  /* Competitors share what we do not have. */
  if (plan->industry == IND_TELECOM && !plan->english)
    pool = carrier_competitors, pool_len = G_N_ELEMENTS (carrier_competitors);
  else
    pool = enterprise_competitors, pool_len = G_N_ELEMENTS (enterprise_competitors);
  plan->n_competitors = 1 + rnd (g, 3);
  for (guint i = 0; i < plan->n_competitors; i++)
    {
      guint c;
      gboolean dup;

      do
        {
          c = pool[rnd (g, pool_len)];
          dup = FALSE;
          for (guint j = 0; j < i; j++)
            dup |= plan->competitors[j] == c;
        }
      while (dup);
      plan->competitors[i] = c;
    }

  remaining = (int) floor ((100.0 - sow) * (0.5 + 0.45 * rnd_double (g)));
  sep = "";
  for (guint i = 0; i < plan->n_competitors; i++)
    {
      int share = i + 1 == plan->n_competitors ? remaining
                                               : (int) round (remaining * (0.4 + 0.3 * rnd_double (g)));

      if (share <= 0)
        {
          plan->n_competitors = i;  /* too small a slice to name */
          break;
        }
      remaining -= share;
      g_string_append_printf (shares, "%s\"%s\":%d", sep, competitors[plan->competitors[i]], share);
      sep = ",";
    }
  g_string_append_c (shares, '}');

  /* Targets for last year, this year and next. */
  {
    double last_target = last_year > 0 ? round (last_year * (0.95 + 0.25 * rnd_double (g)) / 10000.0) * 10000.0
                                       : round (revenue * 0.8 / 10000.0) * 10000.0;
    double this_target = round (MAX (revenue, last_year) * (1.0 + 0.3 * rnd_double (g)) / 10000.0) * 10000.0;
    double next_target = round (this_target * (1.05 + 0.2 * rnd_double (g)) / 10000.0) * 10000.0;
    double amounts[3] = { last_target, this_target, next_target };

    for (int i = 0; i < 3; i++)
      g_string_append_printf (targets, "%s{\"year\":%d,\"amount\":%.0f,\"focus\":\"%s\"}",
                              i ? "," : "", g->year - 1 + i, amounts[i],
                              text_of (PICK (g, target_focus), plan->english));
    g_string_append_c (targets, ']');
  }

  {
    const Text *n1 = &needs_current[plan->industry][rnd (g, 4)];
    const Text *n2 = &needs_current[plan->industry][rnd (g, 4)];
    const Text *m1 = PICK (g, needs_met);
    const Text *m2 = PICK (g, needs_met);
    const char *join = plan->english ? "; " : "；";

    needs_now = n1 == n2 ? g_strdup (text_of (n1, plan->english))
                         : g_strconcat (text_of (n1, plan->english), join, text_of (n2, plan->english), NULL);
    needs_ours = m1 == m2 ? g_strdup (text_of (m1, plan->english))
                          : g_strconcat (text_of (m1, plan->english), join, text_of (m2, plan->english), NULL);
    strategy = g_strconcat (text_of (PICK (g, strategy_goal), plan->english),
                            plan->english ? " " : "",
                            text_of (PICK (g, strategy_tactic), plan->english), NULL);
  }

  margin = round ((8 + 37 * rnd_double (g)) * 10.0) / 10.0;

  account = new_record (&kam_account_kind, plan->id);
  set_string (account, g->af.name, plan->name);
  set_string (account, g->af.local_name, plan->local_name);
  set_string (account, g->af.industry, industry_names[plan->industry]);
  set_string (account, g->af.region, plan->region);
  set_string (account, g->af.owner_id, g->member_ids[plan->owner]);
  set_enum (account, g->af.value_type,
            chance (g, 0.55) ? KAM_VALUE_TYPE_RELATIONAL : chance (g, 0.75) ? KAM_VALUE_TYPE_TRANSACTIONAL : KAM_VALUE_TYPE_ONE_OFF);
  set_double (account, g->af.annual_spend, spend);
  set_double (account, g->af.share_of_wallet, sow);
  set_string (account, g->af.competitor_shares, shares->str);
  set_double (account, g->af.revenue_this_year, revenue);
  set_double (account, g->af.revenue_last_year, last_year);
  set_double (account, g->af.gross_margin, margin);
  margin_score = (int) round (margin / 45.0 * 20.0) + rnd_between (g, -2, 2);
  set_int (account, g->af.margin_score, CLAMP (margin_score, 0, 20));
  set_int (account, g->af.payment_score, chance (g, 0.15) ? rnd_between (g, 2, 10) : rnd_between (g, 11, 20));
  {
    static const guint satisfaction_weights[5] = { 4, 10, 30, 38, 18 };
    set_int (account, g->af.satisfaction, 1 + (int) rnd_weighted (g, satisfaction_weights, 5));
  }
  set_enum (account, g->af.loyalty_stage, loyalty);
  set_string (account, g->af.service_level,
              plan->tier == 0 ? "Gold"
              : plan->tier == 1 ? (chance (g, 0.2) ? "Gold" : "Silver")
              : (chance (g, 0.2) ? "Silver" : "Bronze"));
  set_string (account, g->af.needs_current, needs_now);
  set_string (account, g->af.needs_met, loyalty >= KAM_LOYALTY_FIRST_PURCHASE ? needs_ours : "");
  set_string (account, g->af.needs_future, text_of (&needs_future[plan->industry][rnd (g, 3)], plan->english));
  set_string (account, g->af.targets, targets->str);
  set_string (account, g->af.strategy, strategy);

  if (plan->pinned != 0)
    set_string (account, g->af.tier_pinned, plan->pinned == 'A' ? "A" : "B");

  g_clear_pointer (&plan->name, g_free);
  g_clear_pointer (&plan->local_name, g_free);

  plan->created = g->today - (guint32) rnd_between (g, 1100, 3000);
  return save (g, account, plan->created, g->today - rnd (g, 90), KAM_SAVE_DEFAULT, error);
}

/* ------------------------------------------------------------------------ */
/* Contacts and relations                                                   */
/* ------------------------------------------------------------------------ */

static int
role_for (Gen *g,
          int  level,
          int  track)
{
  double r = rnd_double (g);

  if (level == 0)
    return KAM_ROLE_ECONOMIC_BUYER;

  switch (track)
    {
    case TRACK_IT:
      if (level == 1)
        return r < 0.85 ? KAM_ROLE_DECISION_MAKER : KAM_ROLE_INFLUENCER;
      if (level == 2)
        return r < 0.75 ? KAM_ROLE_TECHNICAL_BUYER : KAM_ROLE_INFLUENCER;
      if (level == 3)
        return r < 0.25 ? KAM_ROLE_TECHNICAL_BUYER : r < 0.35 ? KAM_ROLE_INFLUENCER : KAM_ROLE_NONE;
      return r < 0.1 ? KAM_ROLE_USER_BUYER : r < 0.15 ? KAM_ROLE_INFLUENCER : KAM_ROLE_NONE;
    case TRACK_OPS:
      if (level == 1)
        return r < 0.6 ? KAM_ROLE_DECISION_MAKER : KAM_ROLE_INFLUENCER;
      if (level == 2)
        return r < 0.7 ? KAM_ROLE_USER_BUYER : KAM_ROLE_INFLUENCER;
      if (level == 3)
        return r < 0.25 ? KAM_ROLE_USER_BUYER : KAM_ROLE_NONE;
      return r < 0.1 ? KAM_ROLE_USER_BUYER : KAM_ROLE_NONE;
    case TRACK_PROC:
      if (level <= 2)
        return r < 0.6 ? KAM_ROLE_GATEKEEPER : KAM_ROLE_INFLUENCER;
      return r < 0.2 ? KAM_ROLE_GATEKEEPER : KAM_ROLE_NONE;
    case TRACK_FIN:
      if (level == 1)
        return r < 0.4 ? KAM_ROLE_DECISION_MAKER : r < 0.8 ? KAM_ROLE_INFLUENCER : KAM_ROLE_NONE;
      return r < 0.2 ? KAM_ROLE_INFLUENCER : KAM_ROLE_NONE;
    case TRACK_EXEC:
    default:
      if (level <= 2)
        return r < 0.7 ? KAM_ROLE_GATEKEEPER : KAM_ROLE_NONE;
      return KAM_ROLE_NONE;
    }
}

static guint
generate_contacts (Gen          *g,
                   AccountPlan  *plan,
                   ContactPlan  *contacts,
                   GError      **error)
{
  static const guint level_weights[4] = { 2, 3, 3, 2 };  /* levels 1-4 */
  static const guint attitude_weights[5] = { 4, 11, 40, 30, 15 };  /* -2..2 */
  g_autoptr(GHashTable) mails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(GString) email = g_string_new (NULL);
  g_autoptr(GString) phone = g_string_new (NULL);
  guint n = MIN_CONTACTS + rnd (g, MAX_CONTACTS - MIN_CONTACTS + 1);
  guint depth = 3 + rnd (g, 3);
  guint n_by_level[5] = { 0 };
  int levels[MAX_CONTACTS];
  int coach = -1;
  int tracks_l1[N_TRACKS] = { TRACK_IT, TRACK_OPS, TRACK_PROC, TRACK_FIN, TRACK_EXEC };

  /* Bigger accounts: more people known. */
  if (plan->tier == 0)
    n = MIN (MAX_CONTACTS, n + 2);

  /* One person on each level from the top down to @depth levels, the rest
   * spread over the levels below the top; then in level order, so that
   * managers come (and are saved) first. */
  for (guint l = 0; l < depth; l++)
    n_by_level[l] = 1;
  for (guint i = depth; i < n; i++)
    n_by_level[1 + rnd_weighted (g, level_weights, depth - 1)]++;
  for (guint l = 0, k = 0; l < depth; l++)
    for (guint m = 0; m < n_by_level[l]; m++)
      levels[k++] = (int) l;

  /* The IT head first, the other heads in a random order. */
  for (guint i = N_TRACKS - 1; i > 1; i--)
    {
      guint j = 1 + rnd (g, i);
      int t = tracks_l1[i];

      tracks_l1[i] = tracks_l1[j];
      tracks_l1[j] = t;
    }

  for (guint k = 0; k < n; k++)
    {
      ContactPlan *c = &contacts[k];
      int level = levels[k];

      c->level = level;
      if (level == 0)
        {
          c->parent = -1;
          c->track = N_TRACKS;
        }
      else if (level == 1)
        {
          c->parent = 0;
          c->track = tracks_l1[(k - 1) % N_TRACKS];
        }
      else
        {
          /* A manager one level up (contacts[] is in level order), mostly
           * in IT, whose people we know best. */
          static const guint track_weights[N_TRACKS] = { 6, 3, 2, 2, 1 };
          guint weights[MAX_CONTACTS];
          guint first = k, count = 0;

          for (guint m = 0; m < k; m++)
            if (contacts[m].level == level - 1)
              {
                first = MIN (first, m);
                weights[count++] = track_weights[contacts[m].track];
              }
          c->parent = (int) (first + rnd_weighted (g, weights, count));
          c->track = contacts[c->parent].track;
        }
      make_uuid (g, c->id);
    }

  if (chance (g, 0.6))
    {
      /* a friend inside: someone below the top two levels */
      guint candidates = 0;

      for (guint k = 0; k < n; k++)
        candidates += contacts[k].level >= 2;
      if (candidates > 0)
        {
          guint pick = rnd (g, candidates);

          for (guint k = 0; k < n; k++)
            if (contacts[k].level >= 2 && pick-- == 0)
              {
                coach = (int) k;
                break;
              }
        }
    }

  for (guint k = 0; k < n; k++)
    {
      ContactPlan *c = &contacts[k];
      g_autoptr(KamRecord) contact = NULL;
      const Text *title;
      const Text *department;
      int role = (int) k == coach ? KAM_ROLE_COACH : role_for (g, c->level, c->track);
      int attitude = (int) rnd_weighted (g, attitude_weights, 5) - 2;
      int strength;
      const char *owner = g->member_ids[plan->owner];

      if (c->level == 0)
        {
          title = plan->top_title;
          department = &departments[plan->style][N_TRACKS];
        }
      else
        {
          const Text *choices = titles[plan->style][c->track][c->level - 1];

          title = choices[1].en != NULL && chance (g, 0.5) ? &choices[1] : &choices[0];
          department = &departments[plan->style][c->track];
        }

      c->influence = 5 - c->level;
      c->influence += chance (g, 0.25) ? 1 : 0;
      c->influence -= chance (g, 0.2) ? 1 : 0;
      c->influence = CLAMP (c->influence, 1, 5);
      if (c->level == 0)
        c->influence = 5;
      else if (c->track == TRACK_EXEC)
        c->influence = MIN (c->influence, 3);  /* close to power, not power */
      if (role == KAM_ROLE_COACH)
        attitude = chance (g, 0.7) ? 2 : 1;
      else if (role == KAM_ROLE_ECONOMIC_BUYER)
        attitude = MAX (attitude, -1);

      strength = (int) rnd (g, 3) + (plan->tier == 0) + (attitude > 0) - (attitude < 0);
      strength = CLAMP (strength, 0, 4);
      if (role == KAM_ROLE_COACH)
        strength = MAX (strength, 3);

      if (chance (g, 0.2))
        owner = g->member_ids[plan->partner];
      else if (c->level >= 3 && role == KAM_ROLE_NONE && chance (g, 0.4))
        owner = NULL;

      g_string_truncate (name, 0);
      g_string_truncate (mail, 0);
      g_string_truncate (phone, 0);
      if (plan->english)
        english_name (g, name, mail);
      else
        chinese_name (g, name, mail);
      make_unique_mail (mail, mails);
      g_string_printf (email, "%s@%s", mail->str, plan->domain);
      mobile_number (g, phone);

      contact = new_record (&kam_contact_kind, c->id);
      set_string (contact, g->cf.account_id, plan->id);
      set_string (contact, g->cf.name, name->str);
      set_string (contact, g->cf.title, text_of (title, plan->english));
      set_string (contact, g->cf.department, text_of (department, plan->english));
      set_string (contact, g->cf.email, email->str);
      set_string (contact, g->cf.phone, phone->str);
      if (c->parent >= 0)
        set_string (contact, g->cf.reports_to_id, contacts[c->parent].id);
      set_enum (contact, g->cf.decision_role, role);
      set_int (contact, g->cf.influence, c->influence);
      set_int (contact, g->cf.attitude, attitude);
      set_int (contact, g->cf.strength, strength);
      if (owner != NULL)
        set_string (contact, g->cf.owner_id, owner);
      if (chance (g, 0.25))
        set_string (contact, g->cf.notes, text_of (PICK (g, contact_notes), plan->english));

      {
        guint32 created = plan->created + rnd (g, 60);

        if (!save (g, contact, created, created + rnd (g, g->today - created), KAM_SAVE_DEFAULT, error))
          return 0;
      }
    }

  return n;
}

static gboolean
generate_relations (Gen                *g,
                    const AccountPlan  *plan,
                    const ContactPlan  *contacts,
                    guint               n,
                    GError            **error)
{
  static const guint kind_weights[3] = { 50, 30, 20 };
  guint n_relations = 1 + rnd (g, 5);
  guint pairs[5][2];

  for (guint r = 0; r < n_relations; r++)
    {
      g_autoptr(KamRecord) relation = NULL;
      char id[UUID_LEN + 1];
      guint a, b;
      gboolean dup;

      do
        {
          a = rnd (g, n);
          b = rnd (g, n);
          dup = a == b;
          for (guint k = 0; k < r && !dup; k++)
            dup = (pairs[k][0] == a && pairs[k][1] == b) || (pairs[k][0] == b && pairs[k][1] == a);
        }
      while (dup);
      pairs[r][0] = a;
      pairs[r][1] = b;

      make_uuid (g, id);
      relation = new_record (&kam_relation_kind, id);
      set_string (relation, g->rf.from_id, contacts[a].id);
      set_string (relation, g->rf.to_id, contacts[b].id);
      set_enum (relation, g->rf.kind, (int) rnd_weighted (g, kind_weights, 3));
      set_int (relation, g->rf.strength, rnd_between (g, 1, 3));
      {
        guint32 created = plan->created + rnd (g, 90);

        if (!save (g, relation, created, created, KAM_SAVE_DEFAULT, error))
          return FALSE;
      }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Visits                                                                   */
/* ------------------------------------------------------------------------ */

static const char *
place_for (Gen               *g,
           const AccountPlan *plan,
           int                kind,
           char              *buf,
           gsize              size)
{
  const City *c = &cities[plan->city];

  switch (kind)
    {
    case KAM_VISIT_KIND_CALL:
      return plan->english ? (chance (g, 0.5) ? "Phone" : "Video call")
                           : (chance (g, 0.5) ? "电话" : "视频会议");
    case KAM_VISIT_KIND_MEAL:
      if (plan->english)
        g_snprintf (buf, size, "Restaurant near the %s office", c->en);
      else
        g_snprintf (buf, size, "%s客户附近餐厅", c->zh);
      return buf;
    case KAM_VISIT_KIND_EVENT:
      if (chance (g, 0.5))
        return plan->english ? "Our executive briefing center" : "我司客户体验中心";
      if (plan->english)
        g_snprintf (buf, size, "%s International Convention Center", c->en);
      else
        g_snprintf (buf, size, "%s国际会展中心", c->zh);
      return buf;
    case KAM_VISIT_KIND_VISIT:
    default:
      if (plan->english)
        g_snprintf (buf, size, "Customer office, %s", c->en);
      else
        g_snprintf (buf, size, "%s · %s", c->zh, chance (g, 0.7) ? "客户总部" : "客户数据中心");
      return buf;
    }
}

static gboolean
generate_visit (Gen                *g,
                const AccountPlan  *plan,
                const ContactPlan  *contacts,
                guint               n_contacts,
                guint32             day,
                gboolean            past,
                GError            **error)
{
  static const guint kind_weights[4] = { 55, 20, 15, 10 };
  static const guint attendee_weights[3] = { 50, 35, 15 };
  g_autoptr(KamRecord) visit = NULL;
  char id[UUID_LEN + 1];
  char start[21], end[21];
  char place[96];
  char follow_up[11];
  const char *contact_ids[4] = { NULL };
  const char *member_ids[3] = { NULL };
  guint n_attendees = 1 + rnd_weighted (g, attendee_weights, 3);
  int kind = (int) rnd_weighted (g, kind_weights, 4);
  int minutes, duration;
  int status = past ? (chance (g, 0.1) ? KAM_VISIT_CANCELLED : KAM_VISIT_DONE) : KAM_VISIT_PLANNED;
  guint picked[3];

  switch (kind)
    {
    case KAM_VISIT_KIND_CALL:
      minutes = 9 * 60 + 30 * rnd_between (g, 0, 15);
      duration = 60;
      break;
    case KAM_VISIT_KIND_MEAL:
      minutes = 11 * 60 + 30 + 30 * rnd_between (g, 0, 1);
      duration = 90 + 30 * rnd_between (g, 0, 1);
      break;
    case KAM_VISIT_KIND_EVENT:
      minutes = chance (g, 0.5) ? 9 * 60 : 14 * 60;
      duration = 120;
      break;
    case KAM_VISIT_KIND_VISIT:
    default:
      minutes = 9 * 60 + 30 * rnd_between (g, 0, 14);
      duration = 60 + 30 * rnd_between (g, 0, 2);
      break;
    }
  format_local_time (g, day, minutes, start);
  format_local_time (g, day, minutes + duration, end);

  /* Their attendees: the more influential, the more often met. */
  n_attendees = MIN (n_attendees, n_contacts);
  for (guint a = 0; a < n_attendees; a++)
    {
      guint c;
      gboolean dup;

      do
        {
          guint total = 0, r;

          for (guint k = 0; k < n_contacts; k++)
            total += (guint) (contacts[k].influence * contacts[k].influence);
          r = rnd (g, total);
          for (c = 0; c + 1 < n_contacts; c++)
            {
              guint w = (guint) (contacts[c].influence * contacts[c].influence);

              if (r < w)
                break;
              r -= w;
            }
          dup = FALSE;
          for (guint k = 0; k < a; k++)
            dup |= picked[k] == c;
        }
      while (dup);
      picked[a] = c;
      contact_ids[a] = contacts[c].id;
    }

  member_ids[0] = g->member_ids[plan->owner];
  if (plan->partner != plan->owner && chance (g, 0.3))
    member_ids[1] = g->member_ids[plan->partner];

  make_uuid (g, id);
  visit = new_record (&kam_visit_kind, id);
  set_string (visit, g->vf.account_id, plan->id);
  set_string (visit, g->vf.start_at, start);
  set_string (visit, g->vf.end_at, end);
  set_string (visit, g->vf.place, place_for (g, plan, kind, place, sizeof place));
  set_enum (visit, g->vf.kind, kind);
  set_string (visit, g->vf.objective, text_of (&objectives[kind][rnd (g, 5)], plan->english));
  set_strv (visit, g->vf.contact_ids, contact_ids);
  set_strv (visit, g->vf.member_ids, member_ids);
  set_enum (visit, g->vf.status, status);

  if (status == KAM_VISIT_DONE)
    {
      set_string (visit, g->vf.outcome, text_of (PICK (g, outcomes), plan->english));
      if (chance (g, 0.7))
        set_string (visit, g->vf.next_steps, text_of (PICK (g, next_steps), plan->english));
      if (chance (g, 0.3))
        {
          format_date (day + 7 + rnd (g, 15), follow_up);
          set_string (visit, g->vf.follow_up, follow_up);
        }
    }
  else if (status == KAM_VISIT_CANCELLED && chance (g, 0.6))
    set_string (visit, g->vf.outcome, text_of (PICK (g, cancel_reasons), plan->english));

  /* planned a few days ahead, written up just after */
  {
    guint32 created = past ? day - (guint32) rnd_between (g, 1, 21) : g->today - rnd (g, 14);
    guint32 updated = past ? MIN (day + 1 + rnd (g, 3), g->today) : created;

    return save (g, visit, created, updated, KAM_SAVE_DEFAULT, error);
  }
}

/* Visits at the cadence of the account's tier: weekly, monthly, quarterly,
 * kept with a varying discipline; then the next four weeks' plan. */
static gboolean
generate_visits (Gen                *g,
                 const AccountPlan  *plan,
                 const ContactPlan  *contacts,
                 guint               n_contacts,
                 GError            **error)
{
  static const int intervals[3] = { 7, 30, 91 };
  int interval = intervals[plan->tier];
  double kept = plan->tier == 0 ? 0.45 + 0.40 * rnd_double (g)
              : plan->tier == 1 ? 0.55 + 0.40 * rnd_double (g)
              : 0.45 + 0.50 * rnd_double (g);
  guint32 first = g->today - HISTORY_DAYS;
  int jitter = MAX (1, interval / 4);

  for (gint64 t = (gint64) first + rnd (g, interval); t < (gint64) g->today; t += interval)
    {
      gint64 day;

      if (!chance (g, kept))
        continue;

      day = t + rnd_between (g, -jitter, jitter);
      day = MIN (day, (gint64) g->today - 1);
      switch (weekday_of ((guint32) day))
        {
        case 6:  /* Saturday: the Friday before */
          day -= 1;
          break;
        case 7:  /* Sunday: the Monday after, unless that is not past */
          day = day + 1 < (gint64) g->today ? day + 1 : day - 2;
          break;
        default:
          break;
        }
      if (day < (gint64) first)
        continue;

      if (!generate_visit (g, plan, contacts, n_contacts, (guint32) day, TRUE, error))
        return FALSE;
    }

  for (gint64 t = (gint64) g->today + 1 + rnd (g, interval); t <= (gint64) g->today + PLAN_DAYS; t += interval)
    {
      gint64 day = t;

      if (!chance (g, 0.9))
        continue;
      switch (weekday_of ((guint32) day))
        {
        case 6: day += 2; break;
        case 7: day += 1; break;
        default: break;
        }

      if (!generate_visit (g, plan, contacts, n_contacts, (guint32) day, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Opportunities                                                            */
/* ------------------------------------------------------------------------ */

/* @n increasing days from @from to @to (both included when n > 1). */
static void
spread_days (Gen     *g,
             guint32  from,
             guint32  to,
             guint32 *days,
             guint    n)
{
  days[0] = from;
  if (n == 1)
    return;
  days[n - 1] = MAX (to, from + n - 1);
  for (guint i = 1; i + 1 < n; i++)
    {
      guint32 lo = days[i - 1] + 1;
      guint32 hi = days[n - 1] - (n - 1 - i);
      guint32 span = hi > lo ? hi - lo : 0;

      /* a fair share of what is left, give or take */
      days[i] = lo + (guint32) (span * (0.3 + 0.7 * rnd_double (g)) / (n - i));
    }
}

static gboolean
generate_opportunity (Gen                *g,
                      const AccountPlan  *plan,
                      GError            **error)
{
  g_autoptr(KamRecord) opportunity = NULL;
  g_autoptr(GString) history = g_string_new ("[");
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) rivals = g_string_new (NULL);
  char id[UUID_LEN + 1];
  char date[11];
  char closed[11];
  char expected[11];
  int stage = (int) rnd_weighted (g, stage_weights, KAM_N_STAGES);
  gboolean is_closed = stage == KAM_STAGE_CLOSED_WON || stage == KAM_STAGE_CLOSED_LOST;
  int path[KAM_N_STAGES];
  guint path_len = 0;
  guint32 days[KAM_N_STAGES];
  guint32 end_day, start_day, expected_day;
  int start_stage = chance (g, 0.2) ? KAM_STAGE_NEEDS_ANALYSIS : KAM_STAGE_PROSPECTING;
  int last_open;
  double base = MAX (plan->revenue, 200000.0);
  double amount;
  const Text *project = &projects[plan->industry][rnd (g, 5)];

  /* The stages it went through, in order, ending with the current one. */
  if (stage == KAM_STAGE_CLOSED_WON)
    last_open = KAM_STAGE_NEGOTIATION;
  else if (stage == KAM_STAGE_CLOSED_LOST)
    last_open = rnd_between (g, KAM_STAGE_PROSPECTING, KAM_STAGE_NEGOTIATION);
  else
    last_open = stage;
  start_stage = MIN (start_stage, last_open);
  for (int s = start_stage; s <= last_open; s++)
    path[path_len++] = s;
  if (is_closed)
    path[path_len++] = stage;

  if (is_closed)
    {
      end_day = g->today - 1 - rnd (g, HISTORY_DAYS - 1);
      start_day = end_day - (guint32) (20 * path_len + rnd (g, 200));
      expected_day = (guint32) ((gint64) end_day + rnd_between (g, -45, 30));
    }
  else
    {
      end_day = g->today - rnd (g, 10);
      start_day = end_day - (guint32) (10 + 25 * path_len + rnd (g, 40 + 40 * path_len));
      expected_day = g->today + 7 + rnd (g, (guint) (365 - 80 * stage));
    }
  spread_days (g, start_day, end_day, days, path_len);

  for (guint i = 0; i < path_len; i++)
    {
      format_date (days[i], date);
      g_string_append_printf (history, "%s{\"stage\":\"%s\",\"date\":\"%s\"}",
                              i ? "," : "", kam_enum_to_string (KAM_TYPE_STAGE, path[i]), date);
    }
  g_string_append_c (history, ']');
  format_date (expected_day, expected);

  /* name: the project, sometimes with its year or phase */
  g_string_append (name, text_of (project, plan->english));
  switch (rnd (g, 5))
    {
    case 0:
      /* the year it is expected to close */
      if (plan->english)
        g_string_append_printf (name, " %.4s", expected);
      else
        g_string_printf (name, "%.4s年%s", expected, project->zh);
      break;
    case 1:
      g_string_append (name, plan->english ? " Phase 2" : "（二期）");
      break;
    default:
      break;
    }

  amount = base * exp (log (0.03) + rnd_double (g) * (log (0.4) - log (0.03)));
  amount = MAX (20000.0, round (amount / 10000.0) * 10000.0);

  for (guint i = 0; i < plan->n_competitors; i++)
    if (chance (g, 0.5))
      {
        if (rivals->len > 0)
          g_string_append (rivals, ", ");
        g_string_append (rivals, competitors[plan->competitors[i]]);
      }

  make_uuid (g, id);
  opportunity = new_record (&kam_opportunity_kind, id);
  set_string (opportunity, g->of.account_id, plan->id);
  set_string (opportunity, g->of.name, name->str);
  set_double (opportunity, g->of.amount, amount);
  set_enum (opportunity, g->of.stage, stage);
  set_string (opportunity, g->of.expected_close, expected);
  set_string (opportunity, g->of.owner_id,
              g->member_ids[chance (g, 0.85) ? plan->owner : plan->partner]);
  set_string (opportunity, g->of.competitors, rivals->str);
  set_string (opportunity, g->of.stage_history, history->str);

  if (is_closed)
    {
      format_date (end_day, closed);
      set_string (opportunity, g->of.closed_on, closed);
      set_string (opportunity, g->of.reason,
                  text_of (stage == KAM_STAGE_CLOSED_WON ? PICK (g, won_reasons) : PICK (g, lost_reasons),
                           plan->english));
    }
  else
    {
      set_string (opportunity, g->of.next_step, text_of (PICK (g, opportunity_steps), plan->english));
      if (chance (g, 0.15))
        {
          int probability = kam_stage_default_probability (stage) + 5 * rnd_between (g, -3, 4);

          set_int (opportunity, g->of.probability, CLAMP (probability, 5, 95));
        }
    }

  /* The history ends with the current stage and closed_on is set: the
   * store must not add today's entry. */
  return save (g, opportunity, days[0], days[path_len - 1], KAM_SAVE_KEEP_HISTORY, error);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

void
kam_generate_options_init (KamGenerateOptions *opts)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (opts != NULL);

  opts->n_accounts = 300;
  opts->seed = 1;
  g_date_clear (&opts->today, 1);
  g_date_set_dmy (&opts->today,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

static void
gen_clear (Gen *g)
{
  if (g->accounts != NULL)
    for (guint i = 0; i < g->n_accounts; i++)
      {
        g_free (g->accounts[i].domain);
        g_free (g->accounts[i].name);
        g_free (g->accounts[i].local_name);
      }
  g_clear_pointer (&g->accounts, g_free);
  g_clear_pointer (&g->contacts, g_free);
  g_clear_pointer (&g->member_ids, g_free);
  g_clear_pointer (&g->names, g_hash_table_unref);
  g_clear_pointer (&g->tz, g_time_zone_unref);
  g_clear_pointer (&g->rand, g_rand_free);
}

/* Big portfolios write hundreds of MB into indexes keyed by random ids: a
 * larger page cache (and, when the load has to go through the WAL because
 * another connection is open, fewer checkpoints) write
 * each page less often.  Returns the settings to put back. */
static void
bulk_settings_begin (Gen *g)
{
  sqlite3 *db = kam_store_get_db (g->store);
  sqlite3_stmt *stmt = NULL;
  gint64 cache_kib = MIN ((gint64) g->n_accounts * 12, BULK_CACHE_KIB);
  g_autofree char *sql = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    g->saved_cache_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "PRAGMA wal_autocheckpoint", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    g->saved_autocheckpoint = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* cache_size: negative in KiB, positive in pages */
  if (g->saved_cache_size == 0
      || (g->saved_cache_size < 0 ? -g->saved_cache_size : g->saved_cache_size * 4) >= cache_kib)
    g->saved_cache_size = 0;
  else
    {
      sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, cache_kib);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }

  if (g->saved_autocheckpoint > 0 && g->saved_autocheckpoint < BULK_WAL_PAGES && g->n_accounts >= 1000)
    sqlite3_exec (db, "PRAGMA wal_autocheckpoint = " G_STRINGIFY (BULK_WAL_PAGES), NULL, NULL, NULL);
  else
    g->saved_autocheckpoint = 0;
}

static void
bulk_settings_end (Gen *g)
{
  sqlite3 *db = kam_store_get_db (g->store);
  g_autofree char *cache = NULL;
  g_autofree char *checkpoint = NULL;

  if (g->saved_cache_size != 0)
    {
      cache = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, g->saved_cache_size);
      sqlite3_exec (db, cache, NULL, NULL, NULL);
    }
  if (g->saved_autocheckpoint != 0)
    {
      checkpoint = g_strdup_printf ("PRAGMA wal_autocheckpoint = %" G_GINT64_FORMAT, g->saved_autocheckpoint);
      sqlite3_exec (db, checkpoint, NULL, NULL, NULL);
    }
}

static gboolean
run (Gen     *g,
     GError **error)
{
  static const guint opportunity_range[3][2] = { { 5, 10 }, { 3, 6 }, { 1, 3 } };

  /* One bulk load: the search index and "last met" are built once at the
   * end, and all of it or nothing is written. */
  if (!lookup_fields (g, error) || !kam_store_begin_bulk (g->store, error))
    return FALSE;
  g->in_transaction = TRUE;

  if (!generate_members (g, error))
    return FALSE;

  for (guint i = 0; i < g->n_accounts; i++)
    {
      make_uuid (g, g->accounts[i].id);
      plan_account_name (g, &g->accounts[i]);
    }
  plan_revenues (g);

  for (guint i = 0; i < g->n_accounts; i++)
    {
      if (!generate_account (g, i, error))
        return FALSE;
      report_progress (g, 0.04 * (i + 1) / g->n_accounts);
    }

  for (guint i = 0; i < g->n_accounts; i++)
    {
      AccountPlan *plan = &g->accounts[i];

      plan->n_contacts = generate_contacts (g, plan, &g->contacts[i * MAX_CONTACTS], error);
      if (plan->n_contacts == 0)
        return FALSE;
      report_progress (g, 0.04 + 0.26 * (i + 1) / g->n_accounts);
    }

  for (guint i = 0; i < g->n_accounts; i++)
    {
      AccountPlan *plan = &g->accounts[i];
      const ContactPlan *contacts = &g->contacts[i * MAX_CONTACTS];
      guint n_opportunities;

      if (!generate_relations (g, plan, contacts, plan->n_contacts, error)
          || !generate_visits (g, plan, contacts, plan->n_contacts, error))
        return FALSE;

      n_opportunities = (guint) rnd_between (g, (int) opportunity_range[plan->tier][0],
                                             (int) opportunity_range[plan->tier][1]);
      for (guint k = 0; k < n_opportunities; k++)
        if (!generate_opportunity (g, plan, error))
          return FALSE;

      report_progress (g, 0.30 + 0.70 * (i + 1) / g->n_accounts);
    }

  g->in_transaction = FALSE;
  return kam_store_commit_bulk (g->store, error);
}

gboolean
kam_generate (KamStore                  *store,
              const KamGenerateOptions  *opts,
              KamGenerateProgress        progress,
              gpointer                   user_data,
              GError                   **error)
{
  Gen g = { 0 };
  gboolean ok;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (opts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (opts->n_accounts == 0 || opts->n_accounts > 1000000)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("The number of accounts must be from 1 to 1000000"));
      return FALSE;
    }
  /* every date made stays within what the store accepts (1900-2200) */
  if (!g_date_valid (&opts->today)
      || g_date_get_year (&opts->today) < 1950
      || g_date_get_year (&opts->today) > 2150)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("The date to generate data around is not valid"));
      return FALSE;
    }

  g.store = store;
  g.rand = g_rand_new_with_seed (opts->seed);
  g.tz = g_time_zone_new_local ();
  g.today = g_date_get_julian (&opts->today);
  g.year = g_date_get_year (&opts->today);
  g.progress = progress;
  g.progress_data = user_data;
  g.last_fraction = -1.0;
  g.n_accounts = opts->n_accounts;
  g.n_members = MAX (1, (opts->n_accounts + ACCOUNTS_PER_MEMBER / 2) / ACCOUNTS_PER_MEMBER);
  g.member_ids = g_malloc0_n (g.n_members, sizeof *g.member_ids);
  g.accounts = g_new0 (AccountPlan, g.n_accounts);
  g.contacts = g_new0 (ContactPlan, (gsize) g.n_accounts * MAX_CONTACTS);
  g.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  bulk_settings_begin (&g);
  ok = run (&g, error);
  if (!ok && g.in_transaction)
    kam_store_rollback (store);
  bulk_settings_end (&g);
  if (ok)
    report_progress (&g, 1.0);

  gen_clear (&g);
  return ok;
}
